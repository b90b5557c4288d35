package duckmsg

import "testing"

func TestOneLine(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"one line", "Catalog Error: nope", "Catalog Error: nope"},
		{"excerpt and caret", "Parser Error: syntax error at or near \"form\"\n\nLINE 1: select * form t\n                 ^", `Parser Error: syntax error at or near "form" LINE 1: select * form t`},
		{"indented context", "Invalid Input Error: CSV Error\n  file = a.log\n\tdelimiter =   (Set By User)", "Invalid Input Error: CSV Error file = a.log delimiter = (Set By User)"},
		{"empty", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := OneLine(tc.in); got != tc.want {
				t.Errorf("OneLine(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
