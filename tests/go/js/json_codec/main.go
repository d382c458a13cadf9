// json_codec: encoding/json marshal/unmarshal of structs (tags, omitempty,
// embedded, pointers, string option), maps (keys sorted by the encoder),
// slices, interface{} decoding into map/float64, MarshalIndent, custom
// Marshaler/Unmarshaler, RawMessage, Decoder streams and error messages.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

type Address struct {
	Street string `json:"street"`
	City   string `json:"city,omitempty"`
}

type Base struct {
	ID      int    `json:"id"`
	Created string `json:"created"`
}

type Color int

func (c Color) MarshalJSON() ([]byte, error) {
	return json.Marshal([]string{"red", "green", "blue"}[c])
}

func (c *Color) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	switch s {
	case "red":
		*c = 0
	case "green":
		*c = 1
	case "blue":
		*c = 2
	default:
		return fmt.Errorf("bad color %q", s)
	}
	return nil
}

type Person struct {
	Base
	Name    string            `json:"name"`
	Age     int               `json:"age,omitempty"`
	Email   *string           `json:"email"`
	Tags    []string          `json:"tags"`
	Addr    *Address          `json:"address,omitempty"`
	Meta    map[string]int    `json:"meta"`
	Fav     Color             `json:"favorite"`
	Score   float64           `json:"score"`
	Big     int64             `json:"big,string"`
	Secret  string            `json:"-"`
	private int               //nolint
	Extra   json.RawMessage   `json:"extra"`
	Nested  map[string][]bool `json:"nested,omitempty"`
	Unicode string
	HTMLish string `json:"html"`
}

func main() {
	email := "ada@example.com"
	p := Person{
		Base:    Base{ID: 7, Created: "2006-01-02"},
		Name:    "Ada",
		Age:     36,
		Email:   &email,
		Tags:    []string{"math", "engines"},
		Addr:    &Address{Street: "1 Analytical Way"},
		Meta:    map[string]int{"zeta": 1, "alpha": 2, "Mid": 3},
		Fav:     2,
		Score:   99.5,
		Big:     1 << 60,
		Secret:  "hidden",
		private: 1,
		Extra:   json.RawMessage(`{"raw":[1,2,3]}`),
		Unicode: "héllo\u2028世界\x01",
		HTMLish: "<a href=\"x\">&</a>",
	}
	b, err := json.Marshal(p)
	fmt.Println(string(b), err)
	bi, _ := json.MarshalIndent(p, "", "  ")
	fmt.Println(string(bi))

	var back Person
	err = json.Unmarshal(b, &back)
	fmt.Printf("%v %+v %v %v %q %s %d\n", err, back.Base, *back.Email, back.Addr, back.Secret, back.Extra, back.Fav)

	// generic decoding
	var any interface{}
	json.Unmarshal([]byte(`{"b":[1,2.5,"x",true,null,{"z":1,"a":2}],"a":-0.0,"n":12345678901234567890}`), &any)
	fmt.Printf("%v\n", any)
	out, _ := json.Marshal(any)
	fmt.Println(string(out))
	dec := json.NewDecoder(strings.NewReader(`{"n":12345678901234567890}`))
	dec.UseNumber()
	var num map[string]interface{}
	dec.Decode(&num)
	fmt.Printf("%v %T\n", num["n"], num["n"])

	// maps with int keys, slices, nil vs empty
	fmt.Println(mustS(map[int]string{10: "ten", 2: "two", -1: "neg"}), mustS([]int(nil)), mustS([]int{}), mustS(map[string]int(nil)), mustS([]byte("bytes")))
	fmt.Println(mustS(3.0), mustS(1e21), mustS(1e-7), mustS(0.1), mustS(float32(0.1)), mustS(-0.0), mustS(int64(-1)<<63))
	fmt.Println(mustS("quote\" backslash\\ tab\t nl\n"), mustS(struct {
		A int `json:"a,string"`
		B bool
	}{5, true}))

	// errors
	var target struct{ N int }
	fmt.Println(json.Unmarshal([]byte(`{"N":"str"}`), &target))
	fmt.Println(json.Unmarshal([]byte(`{"N":1,}`), &target))
	fmt.Println(json.Unmarshal([]byte(`[1,2`), &any))
	var c Color
	fmt.Println(json.Unmarshal([]byte(`"purple"`), &c))
	_, err = json.Marshal(map[string]interface{}{"f": func() {}})
	fmt.Println(err)
	_, err = json.Marshal(map[bool]int{true: 1})
	fmt.Println(err)
	fmt.Println(json.Valid([]byte(`{"a":[1,{"b":null}]}`)), json.Valid([]byte(`{a:1}`)))

	// streaming encoder/decoder
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent(">", "\t")
	enc.Encode(map[string]interface{}{"list": []int{1, 2}, "obj": map[string]string{"k": "v"}})
	enc2 := json.NewEncoder(os.Stdout)
	enc2.SetEscapeHTML(false)
	enc2.Encode("<&>")
	stream := json.NewDecoder(strings.NewReader(`{"id":1} {"id":2}
[{"id":3}]`))
	for {
		var v interface{}
		if err := stream.Decode(&v); err != nil {
			fmt.Println("stream end:", err)
			break
		}
		fmt.Println("stream:", v)
	}
	var buf bytes.Buffer
	json.Compact(&buf, []byte("{ \"a\" : [ 1 , 2 ] }"))
	fmt.Println(buf.String())
	buf.Reset()
	json.Indent(&buf, []byte(`{"a":[1,2],"b":{}}`), "", " ")
	fmt.Println(buf.String())
}

func mustS(v interface{}) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "ERR " + err.Error()
	}
	return string(b)
}
