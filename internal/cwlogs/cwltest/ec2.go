package cwltest

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// serveEC2 answers the EC2 Query protocol's DescribeFlowLogs (form-encoded
// POST, XML answer), filtered by log-group-name.
func (s *Server) serveEC2(w http.ResponseWriter, r *http.Request, body []byte) {
	form, err := url.ParseQuery(string(body))
	if err != nil {
		ec2Error(w, http.StatusBadRequest, "InvalidParameterValue", err.Error())
		return
	}
	action := form.Get("Action")
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls["ec2:"+action]++
	if code, msg := authError(r); code != "" {
		if code == "UnrecognizedClientException" {
			code = "AuthFailure"
		}
		ec2Error(w, http.StatusUnauthorized, code, msg)
		return
	}
	if action != "DescribeFlowLogs" {
		ec2Error(w, http.StatusBadRequest, "InvalidAction", "the test server does not implement "+action)
		return
	}
	if s.ec2Deny {
		ec2Error(w, http.StatusForbidden, "UnauthorizedOperation", "You are not authorized to perform this operation. User: arn:aws:iam::"+Account+":user/test is not authorized to perform: ec2:DescribeFlowLogs")
		return
	}
	// Filter.N.Name=log-group-name, Filter.N.Value.M=NAME
	var groups []string
	for k, v := range form {
		if strings.HasPrefix(k, "Filter.") && strings.HasSuffix(k, ".Name") && len(v) > 0 && v[0] == "log-group-name" {
			prefix := strings.TrimSuffix(k, "Name") + "Value."
			for k2, v2 := range form {
				if strings.HasPrefix(k2, prefix) {
					groups = append(groups, v2...)
				}
			}
		}
	}
	type item struct {
		ID        string `xml:"flowLogId"`
		LogGroup  string `xml:"logGroupName"`
		Format    string `xml:"logFormat"`
		DestType  string `xml:"logDestinationType"`
		LogStatus string `xml:"deliverLogsStatus"`
	}
	out := struct {
		XMLName   xml.Name `xml:"DescribeFlowLogsResponse"`
		Xmlns     string   `xml:"xmlns,attr"`
		RequestID string   `xml:"requestId"`
		Items     []item   `xml:"flowLogSet>item"`
	}{Xmlns: "http://ec2.amazonaws.com/doc/2016-11-15/", RequestID: "cwltest"}
	for _, f := range s.flowLogs {
		if len(groups) > 0 && !contains(groups, f.LogGroup) {
			continue
		}
		out.Items = append(out.Items, item{f.ID, f.LogGroup, f.Format, "cloud-watch-logs", "SUCCESS"})
	}
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	_, _ = w.Write([]byte(xml.Header))
	_ = xml.NewEncoder(w).Encode(out)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ec2Error writes an EC2 Query protocol error answer.
func ec2Error(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	w.WriteHeader(status)
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(msg))
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors><RequestID>cwltest</RequestID></Response>`, code, b.String())
}
