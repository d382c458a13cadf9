// text_template: text/template with range/if/else/with, pipelines, custom
// funcs, nested templates and blocks, maps (ranged in key order), index,
// printf, len, whitespace trimming, and template execution errors.
package main

import (
	"fmt"
	"os"
	"strings"
	"text/template"
)

type Item struct {
	Name  string
	Price float64
	Qty   int
	Tags  []string
}

func (i Item) Total() float64 { return i.Price * float64(i.Qty) }

const page = `{{define "item"}}- {{.Name | printf "%-8s"}} {{printf "%6.2f" .Price}} x{{.Qty}} = {{.Total | printf "%.2f"}}{{if .Tags}} [{{join .Tags ","}}]{{end}}
{{end -}}
Order for {{.Customer | upper}}:
{{range $i, $it := .Items}}{{template "item" $it}}{{else}}(no items)
{{end -}}
{{with .Note}}Note: {{.}}
{{else}}No note.
{{end -}}
Totals by tag:
{{range $tag, $sum := .ByTag}}  {{$tag}}: {{printf "%.2f" $sum}}
{{end -}}
Items: {{len .Items}}, first: {{(index .Items 0).Name}}, map lookup: {{index .ByTag "fruit" | printf "%.1f"}}
{{- /* a comment */ -}}
{{if and (gt (len .Items) 2) (not .Rush)}} (more than two, not rushed){{end}}
{{block "footer" .}}default footer for {{.Customer}}{{end}}
`

func main() {
	funcs := template.FuncMap{
		"upper": strings.ToUpper,
		"join":  strings.Join,
	}
	t := template.Must(template.New("page").Funcs(funcs).Parse(page))
	data := map[string]interface{}{
		"Customer": "gopher",
		"Items": []Item{
			{"apple", 0.5, 6, []string{"fruit"}},
			{"bread", 2.25, 1, nil},
			{"cherry", 4, 2, []string{"fruit", "red"}},
		},
		"Note":  "",
		"Rush":  false,
		"ByTag": map[string]float64{"zzz": 0, "fruit": 11, "red": 8},
	}
	if err := t.Execute(os.Stdout, data); err != nil {
		fmt.Println("error:", err)
	}
	// override the block
	t2 := template.Must(template.Must(t.Clone()).Parse(`{{define "footer"}}custom footer{{end}}`))
	data["Items"] = []Item{{"x", 1, 1, nil}}
	data["Note"] = "leave at door"
	t2.Execute(os.Stdout, data)

	// errors at parse and execution time
	_, err := template.New("bad").Parse("{{.Unclosed")
	fmt.Println("parse:", err)
	bad := template.Must(template.New("exec").Parse("{{.Missing.Field}}"))
	err = bad.Execute(os.Stdout, struct{ Present int }{1})
	fmt.Println("\nexec:", err)
	strict := template.Must(template.New("strict").Option("missingkey=error").Parse("{{.nokey}}"))
	err = strict.Execute(os.Stdout, map[string]int{})
	fmt.Println("strict:", err)
	var sb strings.Builder
	template.Must(template.New("x").Parse(`{{range .}}{{.}},{{end}} {{printf "%q" "s"}} {{html "<b>"}} {{js "it's"}} {{urlquery "a b&c"}} {{print 1 2 "x" 3}} {{eq 1 1}} {{ne "a" "b"}} {{le 2 3}} {{or "" "def"}}`)).Execute(&sb, []int{3, 1, 2})
	fmt.Println(sb.String())
}
