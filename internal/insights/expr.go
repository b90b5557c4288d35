package insights

import (
	"strconv"
	"strings"

	"github.com/flowduck/flowduck/internal/store"
)

// expr compiles an expression to SQL and its static type.
func (c *compiler) expr(e Expr) (string, typ, error) {
	switch e := e.(type) {
	case *Field:
		b := c.resolve(e.Name)
		return b.sql, b.t, nil
	case *Number:
		if _, err := strconv.ParseFloat(e.Text, 64); err != nil {
			return "", tyNull, c.errorf(e.At, "malformed number %s", e.Text)
		}
		return e.Text, tyNum, nil
	case *String:
		return store.Literal(e.Value), tyStr, nil
	case *Regex:
		return "", tyNull, c.errorf(e.At, "a regular expression only goes after like, =~ or parse")
	case *Duration:
		return "", tyNull, c.errorf(e.At, "a time span such as %s only goes in bin(), datefloor() or dateceil()", e.Text)
	case *List:
		return "", tyNull, c.errorf(e.At, "a list only goes after in or not in")
	case *Star:
		return "", tyNull, c.errorf(e.At, "* only goes in count(*)")
	case *Unary:
		x, t, err := c.expr(e.X)
		if err != nil {
			return "", tyNull, err
		}
		if e.Op == "not" {
			if t != tyBool && t != tyNull {
				x = truthy(x, t)
			}
			return "(NOT " + x + ")", tyBool, nil
		}
		return "(-" + numeric(x, t) + ")", tyNum, nil
	case *Binary:
		return c.binary(e)
	case *Call:
		return c.call(e)
	}
	return "", tyNull, c.errorf(e.pos(), "unexpected expression")
}

// numeric is x as a number: strings are cast (NULL when not numeric),
// times become epoch milliseconds, as in CloudWatch.
func numeric(x string, t typ) string {
	switch t {
	case tyStr:
		return "TRY_CAST(" + x + " AS DOUBLE)"
	case tyTime:
		return "epoch_ms(" + x + ")"
	case tyBool:
		return "CAST(" + x + " AS INTEGER)"
	}
	return x
}

// text is x as a string.
func text(x string, t typ) string {
	if t == tyStr {
		return x
	}
	return "CAST(" + x + " AS VARCHAR)"
}

func (c *compiler) binary(e *Binary) (string, typ, error) {
	switch e.Op {
	case "in", "not in":
		return c.in(e)
	case "like", "not like", "=~":
		return c.like(e)
	}
	x, tx, err := c.expr(e.X)
	if err != nil {
		return "", tyNull, err
	}
	y, ty, err := c.expr(e.Y)
	if err != nil {
		return "", tyNull, err
	}
	switch e.Op {
	case "and", "or":
		if tx != tyBool && tx != tyNull {
			x = truthy(x, tx)
		}
		if ty != tyBool && ty != tyNull {
			y = truthy(y, ty)
		}
		return "(" + x + " " + strings.ToUpper(e.Op) + " " + y + ")", tyBool, nil
	case "=", "!=", "<", "<=", ">", ">=":
		return compare(e.Op, x, tx, y, ty, literalOf(e.X), literalOf(e.Y)), tyBool, nil
	case "^":
		return "power(" + numeric(x, tx) + ", " + numeric(y, ty) + ")", tyNum, nil
	case "%":
		return "(" + numeric(x, tx) + " % " + numeric(y, ty) + ")", tyNum, nil
	case "/":
		return "(" + numeric(x, tx) + " / " + numeric(y, ty) + ")", tyNum, nil
	}
	return "(" + numeric(x, tx) + " " + e.Op + " " + numeric(y, ty) + ")", tyNum, nil
}

// literalOf returns the value of a string literal, and whether e is one.
func literalOf(e Expr) *String {
	s, _ := e.(*String)
	return s
}

// isNumeric reports whether s reads as a decimal number: 22, -1.5, 1e6.
func isNumeric(s string) bool {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	mant, exp, hasExp := strings.Cut(strings.ToLower(s), "e")
	if hasExp {
		exp = strings.TrimPrefix(strings.TrimPrefix(exp, "-"), "+")
		if exp == "" || strings.Trim(exp, "0123456789") != "" {
			return false
		}
	}
	whole, frac, _ := strings.Cut(mant, ".")
	return whole+frac != "" && strings.Trim(whole+frac, "0123456789") == ""
}

// numLit is a numeric string as a DOUBLE literal.
func numLit(s string) string { return "CAST(" + store.Literal(strings.TrimSpace(s)) + " AS DOUBLE)" }

// compare compiles a comparison with CloudWatch's semantics: numbers and
// strings that read as numbers compare as numbers (srcPort = '22'), a
// string that does not read as a number is never equal to a number, and a
// comparison with an absent field (NULL) is false.
func compare(op, x string, tx typ, y string, ty typ, lx, ly *String) string {
	sqlOp := op
	if op == "!=" {
		sqlOp = "<>"
	}
	bin := func(a, b string) string { return "(" + a + " " + sqlOp + " " + b + ")" }
	switch {
	case tx == tyNull || ty == tyNull:
		return bin(x, y)
	case tx == tyTime && ty == tyStr && ly != nil:
		return bin(x, "TRY_CAST("+y+" AS TIMESTAMPTZ)")
	case ty == tyTime && tx == tyStr && lx != nil:
		return bin("TRY_CAST("+x+" AS TIMESTAMPTZ)", y)
	case tx == tyTime && ty == tyTime:
		return bin(x, y)
	case tx == tyStr && ty == tyStr:
		switch {
		case lx != nil && ly != nil:
			return bin(x, y)
		case ly != nil && !isNumeric(ly.Value), lx != nil && !isNumeric(lx.Value):
			return bin(x, y)
		case ly != nil:
			return "coalesce(" + bin(numeric(x, tx), numLit(ly.Value)) + ", " + bin(x, y) + ")"
		case lx != nil:
			return "coalesce(" + bin(numLit(lx.Value), numeric(y, ty)) + ", " + bin(x, y) + ")"
		}
		return "coalesce(" + bin(numeric(x, tx), numeric(y, ty)) + ", " + bin(x, y) + ")"
	case ly != nil && isNumeric(ly.Value):
		return bin(numeric(x, tx), numLit(ly.Value))
	case lx != nil && isNumeric(lx.Value):
		return bin(numLit(lx.Value), numeric(y, ty))
	case tx == tyStr || ty == tyStr || tx != ty:
		return bin(numeric(x, tx), numeric(y, ty))
	}
	return bin(x, y)
}

// in compiles x in [a, b] as one comparison per value.
func (c *compiler) in(e *Binary) (string, typ, error) {
	x, tx, err := c.expr(e.X)
	if err != nil {
		return "", tyNull, err
	}
	list, ok := e.Y.(*List)
	if !ok {
		return "", tyNull, c.errorf(e.Y.pos(), "expected a [list] after %s", e.Op)
	}
	if len(list.Items) == 0 {
		if e.Op == "in" {
			return "(" + x + " IS NOT NULL AND false)", tyBool, nil
		}
		return "(" + x + " IS NOT NULL)", tyBool, nil
	}
	var plain []string // the values as literals of x's type, when all are
	var conds []string
	for _, it := range list.Items {
		y, ty, err := c.expr(it)
		if err != nil {
			return "", tyNull, err
		}
		s := literalOf(it)
		_, isNum := it.(*Number)
		switch {
		case tx == tyStr && s != nil, tx == tyNum && isNum:
			plain = append(plain, y)
		case tx == tyNum && s != nil && isNumeric(s.Value):
			plain = append(plain, numLit(s.Value))
		}
		conds = append(conds, compare("=", x, tx, y, ty, nil, s))
	}
	var sql string
	if len(plain) == len(list.Items) {
		sql = "(" + x + " IN (" + strings.Join(plain, ", ") + "))"
	} else {
		sql = "(" + strings.Join(conds, " OR ") + ")"
	}
	if e.Op == "not in" {
		sql = "(NOT " + sql + ")"
	}
	return sql, tyBool, nil
}

// like compiles like "text" (a case-sensitive substring test), like /re/
// and =~ /re/ (a regular expression search), and not like.
func (c *compiler) like(e *Binary) (string, typ, error) {
	x, tx, err := c.expr(e.X)
	if err != nil {
		return "", tyNull, err
	}
	x = text(x, tx)
	var sql string
	switch y := e.Y.(type) {
	case *String:
		sql = "contains(" + x + ", " + store.Literal(y.Value) + ")"
	case *Regex:
		sql = "regexp_matches(" + x + ", " + store.Literal(re2Groups(y.Pattern)) + ")"
	default:
		return "", tyNull, c.errorf(e.Y.pos(), "expected a \"string\" or a /regular expression/ after %s", e.Op)
	}
	if e.Op == "not like" {
		sql = "(NOT " + sql + ")"
	}
	return sql, tyBool, nil
}
