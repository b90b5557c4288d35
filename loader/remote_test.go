package loader

import (
	"context"
	"strings"
	"testing"
)

func TestRemoteSourcesWithoutAReaderFailAndAreNeverReadAsPaths(t *testing.T) {
	s, _ := openDB(t)
	t.Run("s3", func(t *testing.T) {
		_, err := Load(context.Background(), s.Conn, Options{Sources: []string{"s3://b/AWSLogs/"}})
		if err == nil || !strings.Contains(err.Error(), "s3://b/AWSLogs/: no reader of s3:// sources") {
			t.Fatalf("err = %v, want the source and no reader of s3:// sources", err)
		}
	})
	t.Run("cwl", func(t *testing.T) {
		res := mustLoad(t, s, Options{Sources: []string{"cwl:///aws/vpc/flow-logs"}})
		if len(res.Files) != 1 || res.Files[0].Status != Failed || res.Files[0].Path != "cwl:///aws/vpc/flow-logs" ||
			res.Files[0].Reason != "no reader of cwl:// sources" {
			t.Fatalf("files = %+v, want the source failed: no reader of cwl:// sources", res.Files)
		}
	})
}
