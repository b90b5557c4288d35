package insights

import (
	"sort"
	"strconv"
	"strings"
)

// arg is a compiled argument.
type arg struct {
	sql string
	t   typ
	e   Expr
}

// function is one function of the language: its arity, whether it is an
// aggregate (stats only), and how it compiles.
type function struct {
	min, max  int // max -1: any number
	aggregate bool
	build     func(c *compiler, call *Call, args []arg) (string, typ, error)
}

// functions is the function registry, by lowercase name. Durations
// (bin, datefloor, dateceil) and count(*) are read from the syntax tree,
// not compiled as values.
var functions = map[string]function{}

func init() {
	agg := func(name string, f func(a []arg) (string, typ)) {
		functions[name] = function{min: 1, max: 1, aggregate: true, build: func(_ *compiler, _ *Call, a []arg) (string, typ, error) {
			s, t := f(a)
			return s, t, nil
		}}
	}
	functions["count"] = function{min: 0, max: 1, aggregate: true, build: buildCount}
	agg("count_distinct", func(a []arg) (string, typ) { return "count(DISTINCT " + a[0].sql + ")", tyNum })
	agg("sum", func(a []arg) (string, typ) { return "sum(" + numeric(a[0].sql, a[0].t) + ")", tyNum })
	agg("avg", func(a []arg) (string, typ) { return "avg(" + numeric(a[0].sql, a[0].t) + ")", tyNum })
	agg("stddev", func(a []arg) (string, typ) { return "stddev_samp(" + numeric(a[0].sql, a[0].t) + ")", tyNum })
	agg("min", func(a []arg) (string, typ) { return "min(" + a[0].sql + ")", a[0].t })
	agg("max", func(a []arg) (string, typ) { return "max(" + a[0].sql + ")", a[0].t })
	agg("sortsfirst", func(a []arg) (string, typ) { return "min(" + a[0].sql + ")", a[0].t })
	agg("sortslast", func(a []arg) (string, typ) { return "max(" + a[0].sql + ")", a[0].t })
	functions["earliest"] = function{min: 1, max: 1, aggregate: true, build: byTime("arg_min")}
	functions["latest"] = function{min: 1, max: 1, aggregate: true, build: byTime("arg_max")}
	functions["pct"] = function{min: 2, max: 2, aggregate: true, build: buildPct}

	scalar := func(name string, min, max int, f func(a []arg) (string, typ)) {
		functions[name] = function{min: min, max: max, build: func(_ *compiler, _ *Call, a []arg) (string, typ, error) {
			s, t := f(a)
			return s, t, nil
		}}
	}
	num1 := func(name, sqlName string) {
		scalar(name, 1, 1, func(a []arg) (string, typ) { return sqlName + "(" + numeric(a[0].sql, a[0].t) + ")", tyNum })
	}
	str1 := func(name, sqlName string) {
		scalar(name, 1, 1, func(a []arg) (string, typ) { return sqlName + "(" + text(a[0].sql, a[0].t) + ")", tyStr })
	}
	num1("abs", "abs")
	num1("ceil", "ceil")
	num1("floor", "floor")
	num1("log", "ln")
	num1("sqrt", "sqrt")
	str1("toupper", "upper")
	str1("tolower", "lower")
	str1("trim", "trim")
	str1("ltrim", "ltrim")
	str1("rtrim", "rtrim")
	scalar("strlen", 1, 1, func(a []arg) (string, typ) { return "length(" + text(a[0].sql, a[0].t) + ")", tyNum })
	scalar("greatest", 1, -1, func(a []arg) (string, typ) { return "greatest(" + joinNumeric(a) + ")", tyNum })
	scalar("least", 1, -1, func(a []arg) (string, typ) { return "least(" + joinNumeric(a) + ")", tyNum })
	scalar("concat", 1, -1, func(a []arg) (string, typ) { return "concat(" + joinArgs(a, text) + ")", tyStr })
	scalar("coalesce", 1, -1, buildCoalesce)
	scalar("replace", 3, 3, func(a []arg) (string, typ) {
		return "replace(" + joinArgs(a, text) + ")", tyStr
	})
	scalar("strcontains", 2, 2, func(a []arg) (string, typ) {
		return "CAST(contains(" + joinArgs(a, text) + ") AS INTEGER)", tyNum
	})
	scalar("substr", 2, 3, func(a []arg) (string, typ) {
		// CloudWatch counts from 0, SQL from 1.
		s := "substr(" + text(a[0].sql, a[0].t) + ", CAST(" + numeric(a[1].sql, a[1].t) + " AS BIGINT) + 1"
		if len(a) == 3 {
			s += ", CAST(" + numeric(a[2].sql, a[2].t) + " AS BIGINT)"
		}
		return s + ")", tyStr
	})
	scalar("ispresent", 1, 1, func(a []arg) (string, typ) { return "(" + a[0].sql + " IS NOT NULL)", tyBool })
	scalar("isempty", 1, 1, func(a []arg) (string, typ) {
		return "(" + a[0].sql + " IS NULL OR " + text(a[0].sql, a[0].t) + " = '')", tyBool
	})
	scalar("isblank", 1, 1, func(a []arg) (string, typ) {
		return "(" + a[0].sql + " IS NULL OR trim(" + text(a[0].sql, a[0].t) + ") = '')", tyBool
	})
	scalar("if", 3, 3, func(a []arg) (string, typ) {
		cond := a[0].sql
		if a[0].t != tyBool && a[0].t != tyNull {
			cond = truthy(cond, a[0].t)
		}
		t := a[1].t
		if t == tyNull {
			t = a[2].t
		}
		return "(CASE WHEN " + cond + " THEN " + a[1].sql + " ELSE " + a[2].sql + " END)", t
	})
	scalar("frommillis", 1, 1, func(a []arg) (string, typ) {
		return "to_timestamp(" + numeric(a[0].sql, a[0].t) + " / 1000.0)", tyTime
	})
	scalar("tomillis", 1, 1, func(a []arg) (string, typ) { return "epoch_ms(" + a[0].sql + ")", tyNum })
	subnet := func(name, cond string) {
		scalar(name, 2, 2, func(a []arg) (string, typ) {
			ip := text(a[0].sql, a[0].t)
			s := "coalesce(athena_cidr_contains(" + text(a[1].sql, a[1].t) + ", " + ip + "), false)"
			if cond != "" {
				s = "(" + strings.ReplaceAll(cond, "IP", ip) + " AND " + s + ")"
			}
			return s, tyBool
		})
	}
	subnet("isipv4insubnet", "NOT contains(IP, ':')")
	subnet("isipv6insubnet", "contains(IP, ':')")
	subnet("isipinsubnet", "")
	functions["bin"] = function{min: 1, max: 1, build: buildBin}
	functions["datefloor"] = function{min: 2, max: 2, build: buildDateFloor}
	functions["dateceil"] = function{min: 2, max: 2, build: buildDateCeil}
}

// FunctionNames lists the functions the translator knows, sorted.
func FunctionNames() []string {
	names := make([]string, 0, len(functions))
	for n := range functions {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func joinArgs(a []arg, conv func(string, typ) string) string {
	parts := make([]string, len(a))
	for i, x := range a {
		parts[i] = conv(x.sql, x.t)
	}
	return strings.Join(parts, ", ")
}

func joinNumeric(a []arg) string { return joinArgs(a, numeric) }

func buildCoalesce(a []arg) (string, typ) {
	t := tyNull
	for _, x := range a {
		if x.t != tyNull {
			if t == tyNull {
				t = x.t
			} else if t != x.t {
				return "coalesce(" + joinArgs(a, text) + ")", tyStr
			}
		}
	}
	return "coalesce(" + joinArgs(a, func(s string, _ typ) string { return s }) + ")", t
}

// call compiles a function call.
func (c *compiler) call(e *Call) (string, typ, error) {
	name := strings.ToLower(e.Name)
	fn, ok := functions[name]
	if !ok {
		if _, unsup := unsupported[name]; unsup {
			pe := syntaxAt(c.text, e.At, "")
			return "", tyNull, &UnsupportedError{Construct: e.Name, Hint: unsupported[name], Line: pe.Line, Column: pe.Column}
		}
		return "", tyNull, c.errorf(e.At, "unknown function %s()", e.Name)
	}
	if len(e.Args) < fn.min || fn.max >= 0 && len(e.Args) > fn.max {
		return "", tyNull, c.errorf(e.At, "%s() takes %s, got %d", e.Name, arity(fn), len(e.Args))
	}
	if fn.aggregate && !c.inStats {
		return "", tyNull, c.errorf(e.At, "%s() is an aggregate function: it only goes in stats", e.Name)
	}
	var args []arg
	for _, x := range e.Args {
		switch x.(type) {
		case *Star, *Duration:
			args = append(args, arg{e: x})
			continue
		}
		if fn.aggregate && hasAggregate(x) {
			return "", tyNull, c.errorf(x.pos(), "an aggregate function cannot take another aggregate")
		}
		sql, t, err := c.expr(x)
		if err != nil {
			return "", tyNull, err
		}
		args = append(args, arg{sql: sql, t: t, e: x})
	}
	for i, a := range args {
		if _, star := a.e.(*Star); star && name != "count" {
			return "", tyNull, c.errorf(a.e.pos(), "* only goes in count(*)")
		}
		if _, dur := a.e.(*Duration); dur && !(name == "bin" || (name == "datefloor" || name == "dateceil") && i == 1) {
			return "", tyNull, c.errorf(a.e.pos(), "a time span only goes in bin(), datefloor() or dateceil()")
		}
	}
	return fn.build(c, e, args)
}

func arity(fn function) string {
	switch {
	case fn.max < 0:
		return "at least " + plural(fn.min)
	case fn.min == fn.max:
		return plural(fn.min)
	}
	return strconv.Itoa(fn.min) + " to " + plural(fn.max)
}

func plural(n int) string {
	if n == 1 {
		return "1 argument"
	}
	return strconv.Itoa(n) + " arguments"
}

func buildCount(_ *compiler, _ *Call, a []arg) (string, typ, error) {
	if len(a) == 0 {
		return "count(*)", tyNum, nil
	}
	if _, star := a[0].e.(*Star); star {
		return "count(*)", tyNum, nil
	}
	return "count(" + a[0].sql + ")", tyNum, nil
}

// byTime builds earliest/latest: the value of the row with the lowest or
// highest @timestamp.
func byTime(sqlName string) func(c *compiler, call *Call, a []arg) (string, typ, error) {
	return func(c *compiler, call *Call, a []arg) (string, typ, error) {
		ts := c.resolve("@timestamp")
		if ts.t == tyNull {
			return "", tyNull, c.errorf(call.At, "%s() needs @timestamp, which an earlier stats removed", call.Name)
		}
		return sqlName + "(" + a[0].sql + ", " + ts.sql + ")", a[0].t, nil
	}
}

// buildPct is pct(field, percentile): the value at that percentile (0-100)
// of the group, one of its values.
func buildPct(c *compiler, call *Call, a []arg) (string, typ, error) {
	n, ok := call.Args[1].(*Number)
	if !ok {
		return "", tyNull, c.errorf(call.Args[1].pos(), "the percentile of pct() must be a number from 0 to 100")
	}
	p, err := strconv.ParseFloat(n.Text, 64)
	if err != nil || p < 0 || p > 100 {
		return "", tyNull, c.errorf(n.At, "the percentile of pct() must be a number from 0 to 100")
	}
	return "quantile_disc(" + numeric(a[0].sql, a[0].t) + ", " + strconv.FormatFloat(p/100, 'g', -1, 64) + ")", tyNum, nil
}
