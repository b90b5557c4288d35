package schema

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseFormat(t *testing.T) {
	defaultFormat := "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} " +
		"${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}"
	tests := []struct {
		name    string
		format  string
		want    []string // AWS names of the fields; "?name" marks a Known=false field
		wantErr string   // substring of the error; "" means success
	}{
		{name: "default format", format: defaultFormat, want: names(DefaultFormat())},
		{name: "single field", format: "${srcaddr}", want: []string{"srcaddr"}},
		{name: "extra spaces and tabs", format: "  ${version}\t\t${srcaddr}   ${dstaddr}\t", want: []string{"version", "srcaddr", "dstaddr"}},
		{name: "trailing newline", format: "${version} ${srcaddr}\r\n", want: []string{"version", "srcaddr"}},
		{name: "custom order v5", format: "${flow-direction} ${traffic-path} ${srcaddr} ${pkt-src-aws-service}",
			want: []string{"flow-direction", "traffic-path", "srcaddr", "pkt-src-aws-service"}},
		{name: "transit gateway", format: "${version} ${resource-type} ${tgw-id} ${packets-lost-blackhole}",
			want: []string{"version", "resource-type", "tgw-id", "packets-lost-blackhole"}},
		{name: "upper case name", format: "${SRCADDR} ${Log-Status}", want: []string{"srcaddr", "log-status"}},
		{name: "athena column and legacy alias", format: "${account_id} ${sourceaddress}", want: []string{"account-id", "srcaddr"}},
		{name: "unknown field", format: "${version} ${future-field} ${srcaddr}", want: []string{"version", "?future-field", "srcaddr"}},
		{name: "unknown field lower-cased", format: "${Future-Field}", want: []string{"?future-field"}},

		{name: "empty", format: "", wantErr: "no fields"},
		{name: "blank", format: " \t ", wantErr: "no fields"},
		{name: "bare names", format: "version srcaddr", wantErr: `unexpected text "version srcaddr" at offset 0`},
		{name: "text between tokens", format: "${version} , ${srcaddr}", wantErr: `unexpected text ", ${srcaddr}" at offset 11`},
		{name: "text after token", format: "${version}x ${srcaddr}", wantErr: "want a space after ${version}"},
		{name: "adjacent tokens", format: "${version}${srcaddr}", wantErr: "want a space after ${version}"},
		{name: "dollar without brace", format: "$version", wantErr: "unexpected text"},
		{name: "empty braces", format: "${version} ${}", wantErr: "empty ${} at offset 11"},
		{name: "unclosed", format: "${version} ${srcaddr", wantErr: "unclosed"},
		{name: "space inside braces", format: "${ srcaddr }", wantErr: "does not start with a letter"},
		{name: "name starts with digit", format: "${2fast}", wantErr: "does not start with a letter"},
		{name: "name starts with underscore", format: "${_account}", wantErr: "does not start with a letter"},
		{name: "name with dot", format: "${src.addr}", wantErr: `contains '.'`},
		{name: "name with quote", format: "${a\"b}", wantErr: `contains '"'`},
		{name: "duplicate", format: "${srcaddr} ${dstaddr} ${srcaddr}", wantErr: `duplicate field "srcaddr"`},
		{name: "duplicate via column", format: "${log-status} ${log_status}", wantErr: `duplicate field "log_status": column "log_status" already comes from "log-status"`},
		{name: "duplicate via legacy alias", format: "${start} ${starttime}", wantErr: `duplicate field "starttime"`},
		{name: "duplicate unknown by case", format: "${foo} ${FOO}", wantErr: `duplicate field "FOO"`},
		{name: "unknown fields with the same column", format: "${foo-bar} ${foo_bar}", wantErr: `column "foo_bar" already comes from "foo-bar"`},
		{name: "unknown fields with the same legacy column", format: "${foo-bar} ${foobar}", wantErr: `legacy column "foobar" already comes from "foo-bar"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseFormat(tt.format)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("ParseFormat(%q) = %v, want error containing %q", tt.format, names(got), tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, ErrInvalidFormat) {
					t.Fatalf("ParseFormat(%q) error = %q, want ErrInvalidFormat containing %q", tt.format, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseFormat(%q): %v", tt.format, err)
			}
			if diff := cmp.Diff(tt.want, markUnknown(got)); diff != "" {
				t.Errorf("ParseFormat(%q) (-want +got):\n%s", tt.format, diff)
			}
		})
	}
}

func TestFormatRoundTrip(t *testing.T) {
	tests := []struct {
		name   string
		fields []Field
		want   string
	}{
		{"default", DefaultFormat(), "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}"},
		{"whole catalog", Catalog, ""},
		{"unknown", []Field{FieldFor("srcaddr"), FieldFor("future-field")}, "${srcaddr} ${future-field}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Format(tt.fields)
			if tt.want != "" && s != tt.want {
				t.Errorf("Format = %q, want %q", s, tt.want)
			}
			back, err := ParseFormat(s)
			if err != nil {
				t.Fatalf("ParseFormat(Format(...)): %v", err)
			}
			if diff := cmp.Diff(tt.fields, back); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
}

// markUnknown returns the AWS names of fields, "?name" for Known=false ones.
func markUnknown(fields []Field) []string {
	out := names(fields)
	for i, f := range fields {
		if !f.Known {
			out[i] = "?" + f.Name
		}
	}
	return out
}
