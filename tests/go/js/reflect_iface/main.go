// reflect_iface: interfaces, embedding and method sets, type switches,
// method values and closures, generics with constraints, reflect (kinds,
// fields, tags, calling methods, setting values, DeepEqual), and
// fmt.Stringer / error interplay.
package main

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
)

type Shape interface {
	Area() float64
	Perimeter() float64
}

type Rect struct{ W, H float64 }
type Circle struct{ R float64 }

func (r Rect) Area() float64         { return r.W * r.H }
func (r Rect) Perimeter() float64    { return 2 * (r.W + r.H) }
func (c *Circle) Area() float64      { return 3 * c.R * c.R }
func (c *Circle) Perimeter() float64 { return 6 * c.R }
func (c *Circle) String() string     { return fmt.Sprintf("Circle(%g)", c.R) }

type Named struct {
	Rect
	Name string `json:"name" custom:"yes"`
	tags []string
}

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }
func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, true
}

type Number interface{ ~int | ~float64 }

func Sum[T Number](xs ...T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

type MyInt int

func classify(v interface{}) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case int, int64:
		return fmt.Sprintf("integer %v", x)
	case string:
		return "string of " + fmt.Sprint(len(x))
	case error:
		return "error " + x.Error()
	case fmt.Stringer:
		return "stringer " + x.String()
	case Shape:
		return fmt.Sprintf("shape area %.1f", x.Area())
	case []int:
		return fmt.Sprint("slice len ", len(x))
	default:
		return "other " + reflect.TypeOf(x).String()
	}
}

func main() {
	shapes := []Shape{Rect{3, 4}, &Circle{2}, Named{Rect: Rect{1, 1}, Name: "unit"}}
	for _, s := range shapes {
		fmt.Printf("%T %.2f %.2f %v\n", s, s.Area(), s.Perimeter(), s)
	}
	for _, v := range []interface{}{nil, 3, int64(4), "hey", fmt.Errorf("e"), &Circle{1}, Rect{2, 2}, []int{1}, MyInt(5), 2.5} {
		fmt.Println(classify(v))
	}

	area := shapes[0].Area
	circ := &Circle{1}
	per := circ.Perimeter
	circ.R = 10
	fmt.Println(area(), per(), (*Circle).Area(circ), Rect.Area(Rect{5, 5}))

	var st Stack[string]
	st.Push("a")
	st.Push("b")
	v1, _ := st.Pop()
	v2, _ := st.Pop()
	_, ok := st.Pop()
	fmt.Println(v1, v2, ok, Sum(1, 2, 3), Sum(1.5, 2.25), Sum[MyInt](4, 5))

	counters := map[string]func() int{}
	for _, name := range []string{"a", "b"} {
		n := 0
		name := name
		counters[name] = func() int { n += len(name); return n }
	}
	counters["a"]()
	fmt.Println(counters["a"](), counters["b"]())

	// reflect
	n := Named{Rect{2, 3}, "box", []string{"x"}}
	t := reflect.TypeOf(n)
	fmt.Println(t.Name(), t.Kind(), t.NumField(), t.NumMethod())
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		fmt.Printf("field %s %s anon=%v exported=%v json=%q custom=%q\n", f.Name, f.Type, f.Anonymous, f.IsExported(), f.Tag.Get("json"), f.Tag.Get("custom"))
	}
	var methods []string
	pt := reflect.TypeOf(&n)
	for i := 0; i < pt.NumMethod(); i++ {
		methods = append(methods, pt.Method(i).Name)
	}
	sort.Strings(methods)
	fmt.Println("methods of *Named:", methods)
	rv := reflect.ValueOf(&n).Elem()
	rv.FieldByName("Name").SetString("renamed")
	rv.Field(0).Field(0).SetFloat(7)
	res := reflect.ValueOf(n).MethodByName("Area").Call(nil)
	fmt.Println(n.Name, n.W, res[0].Float(), rv.FieldByName("tags").CanSet())
	for _, x := range []interface{}{1, "s", 2.5, []int{}, map[string]int{}, &n, n, make(chan int), func() {}, [2]int{}, true, uint8(1), complex64(1)} {
		fmt.Print(reflect.ValueOf(x).Kind(), " ")
	}
	fmt.Println()
	fmt.Println(reflect.DeepEqual(map[string][]int{"a": {1}}, map[string][]int{"a": {1}}), reflect.DeepEqual([]int{}, []int(nil)), reflect.DeepEqual(n, n))
	sv := reflect.MakeSlice(reflect.TypeOf([]string{}), 0, 2)
	sv = reflect.Append(sv, reflect.ValueOf("p"), reflect.ValueOf("q"))
	fmt.Println(sv.Interface(), sv.Len(), strings.Join(sv.Interface().([]string), "+"))
	mv := reflect.MakeMap(reflect.TypeOf(map[string]int{}))
	mv.SetMapIndex(reflect.ValueOf("k"), reflect.ValueOf(9))
	fmt.Println(mv.Interface())
	fn := reflect.ValueOf(strings.Repeat)
	out := fn.Call([]reflect.Value{reflect.ValueOf("ab"), reflect.ValueOf(3)})
	fmt.Println(out[0].String(), fn.Type())
	var nilShape Shape
	fmt.Println(nilShape == nil, reflect.TypeOf(nilShape) == nil, reflect.TypeOf((*Shape)(nil)).Elem().Kind())
	fmt.Println(reflect.TypeOf(&Circle{}).Implements(reflect.TypeOf((*Shape)(nil)).Elem()), reflect.TypeOf(Circle{}).Implements(reflect.TypeOf((*Shape)(nil)).Elem()))
}
