// js_values: syscall/js values without any JS-defined code: objects and
// arrays from globalThis.Object/Array, Set/Get/Delete/Index/SetIndex/Length,
// js.ValueOf of Go values ([]any, map[string]any, numbers, strings, bools,
// nil), Type(), String() of every type (numbers use JS's own formatting:
// 1e21, 0.1, 1e-7), Int/Float/Bool/Truthy, Equal/IsNaN/IsNull/IsUndefined,
// instanceof, Uint8Array with CopyBytesToJS/CopyBytesToGo, string round
// trips through JS (invalid UTF-8 and a leading BOM), and Go-side ValueError
// panics recovered. Output never prints JS object ids or uses JSON.stringify.
package main

import (
	"fmt"
	"math"
	"syscall/js"
)

func try(name string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Printf("%s: recovered %T: %v\n", name, r, r)
		}
	}()
	f()
}

func describe(name string, v js.Value) {
	fmt.Printf("%-10s type=%-9s string=%q truthy=%v undefined=%v null=%v\n", name, v.Type(), v.String(), v.Truthy(), v.IsUndefined(), v.IsNull())
}

func main() {
	global := js.Global()
	Object := global.Get("Object")
	Array := global.Get("Array")
	Uint8Array := global.Get("Uint8Array")

	obj := Object.New()
	obj.Set("name", "gopher")
	obj.Set("age", 13)
	obj.Set("pi", math.Pi)
	obj.Set("ok", true)
	obj.Set("nothing", nil)
	obj.Set("nested", map[string]interface{}{"x": 1, "list": []interface{}{"a", 2, false}})
	fmt.Println(obj.Get("name").String(), obj.Get("age").Int(), obj.Get("pi").Float(), obj.Get("ok").Bool())
	fmt.Println(obj.Get("nested").Get("list").Index(0).String(), obj.Get("nested").Get("list").Length(), obj.Get("nested").Get("x").Int())
	obj.Delete("age")
	describe("deleted", obj.Get("age"))
	describe("missing", obj.Get("missing"))
	describe("null", obj.Get("nothing"))
	describe("object", obj)
	describe("global", global)
	describe("function", Object)
	describe("string", obj.Get("name"))
	describe("bool", obj.Get("ok"))
	describe("number", obj.Get("pi"))
	describe("zero", js.ValueOf(0))
	describe("negzero", js.ValueOf(math.Copysign(0, -1)))
	describe("emptystr", js.ValueOf(""))
	describe("nan", js.ValueOf(math.NaN()))

	// numbers as JS formats them (String() goes through JS ToString)
	for _, f := range []float64{1e21, 1e20, 0.1, 1e-7, 1e-6, 123456789012345680000, -1.5, 1.0 / 3, math.Inf(1), math.Inf(-1), 5e-324, 2147483648, 9007199254740993} {
		fmt.Printf("%v -> %s\n", f, js.ValueOf(f).String())
	}
	fmt.Println(js.ValueOf(true).String(), js.ValueOf(false).String(), js.Undefined().String(), js.Null().String())
	fmt.Println(js.ValueOf(int64(1)<<53+1).Float(), js.ValueOf(-7.9).Int(), js.ValueOf(uint8(200)).Int(), js.ValueOf(float32(0.1)).Float())

	// arrays
	arr := Array.New()
	for i := 0; i < 5; i++ {
		arr.SetIndex(i, i*i)
	}
	arr.SetIndex(8, "end")
	fmt.Println("length", arr.Length(), arr.Index(3).Int(), arr.Index(6).IsUndefined(), arr.Index(8).String())
	arr.Set("length", 2)
	fmt.Println("truncated length", arr.Length(), arr.Index(4).IsUndefined())
	sized := Array.New(3)
	fmt.Println("Array(3) length", sized.Length(), sized.Index(0).Type())
	vo := js.ValueOf([]interface{}{1, "two", 3.5, true, nil, []interface{}{"inner"}, map[string]interface{}{"k": "v"}})
	for i := 0; i < vo.Length(); i++ {
		fmt.Printf("[%d] %s %s\n", i, vo.Index(i).Type(), vo.Index(i).String())
	}
	fmt.Println(vo.Index(5).Index(0).String(), vo.Index(6).Get("k").String())

	// instanceof
	fmt.Println("arr instanceof Array:", arr.InstanceOf(Array), "obj instanceof Array:", obj.InstanceOf(Array), "arr instanceof Object:", arr.InstanceOf(Object))

	// Uint8Array and copies
	goBytes := []byte("Hello, JS!")
	u8 := Uint8Array.New(len(goBytes))
	fmt.Println("copied to JS:", js.CopyBytesToJS(u8, goBytes), u8.Length(), u8.InstanceOf(Uint8Array), u8.Index(0).Int())
	u8.SetIndex(0, 'J')
	u8.SetIndex(1, 300) // wraps to 44 (',') in a Uint8Array
	back := make([]byte, 4)
	fmt.Println("copied to Go:", js.CopyBytesToGo(back, u8), string(back))
	full := make([]byte, 20)
	n := js.CopyBytesToGo(full, u8)
	fmt.Printf("full copy %d %q\n", n, full[:n])
	fmt.Println(u8.Index(100).IsUndefined(), u8.Type())
	try("copy from array", func() { js.CopyBytesToGo(full, arr) })
	try("copy to object", func() { js.CopyBytesToJS(obj, full) })

	// strings through JS
	for _, s := range []string{"plain", "héllo 世界 😀", "a\xffb", "\ufeffBOM first", "mid\ufeffBOM", "nul\x00byte", ""} {
		obj.Set("s", s)
		got := obj.Get("s").String()
		fmt.Printf("%q -> %q\n", s, got)
	}
	fmt.Println("equal strings share a value:", js.ValueOf("x").Equal(js.ValueOf("x")), js.ValueOf(1.5).Equal(js.ValueOf(1.5)), obj.Equal(Object.New()), obj.Equal(obj))
	fmt.Println("NaN:", js.ValueOf(math.NaN()).IsNaN(), js.ValueOf(math.NaN()).Equal(js.ValueOf(math.NaN())))

	// Go-side panics (ValueError) recovered
	try("int of string", func() { js.ValueOf("12").Int() })
	try("get on number", func() { js.ValueOf(5).Get("x") })
	try("set on undefined", func() { js.Undefined().Set("x", 1) })
	try("index on bool", func() { js.ValueOf(true).Index(0) })
	try("length of string", func() { js.ValueOf("abc").Length() })
	try("bool of null", func() { js.Null().Bool() })
	try("valueof chan", func() { js.ValueOf(make(chan int)) })
	try("call missing", func() { obj.Call("noSuchMethod", 1) })
	try("call non-function", func() { obj.Call("name") })
	try("invoke number", func() { js.ValueOf(3).Invoke() })
	try("new on object", func() { obj.New() })
	try("string of string", func() { fmt.Println("ok:", js.ValueOf("fine").String()) })
	fmt.Println("done")
}
