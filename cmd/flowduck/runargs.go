package main

import "strings"

// reportArgs returns the NAME=VALUE arguments given after the report name
// (`flowduck run ip-activity ip=203.0.113.7`, the shell's .run form), to be
// parsed with the --param values; any other argument is a usage error.
func reportArgs(report string, args []string) ([]string, error) {
	for _, arg := range args {
		if name, _, ok := strings.Cut(arg, "="); !ok || strings.TrimSpace(name) == "" {
			return nil, usagef("run %s: argument %q: give parameters as NAME=VALUE or --param NAME=VALUE", report, arg)
		}
	}
	return args, nil
}
