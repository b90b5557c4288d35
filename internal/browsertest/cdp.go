package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/coder/websocket"
)

// cdp is one DevTools protocol connection: commands are sent with an id and
// answered by a message with the same id; every other message is an event,
// handed to onEvent.
type cdp struct {
	ws      *websocket.Conn
	mu      sync.Mutex
	nextID  int64
	waiting map[int64]chan reply
	onEvent func(e event)
	done    chan struct{}
	err     error
}

// message is any message of the protocol.
type message struct {
	ID        int64           `json:"id,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
	Method    string          `json:"method,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

// reply is a command's result or error.
type reply struct {
	result json.RawMessage
	err    error
}

// event is a protocol event.
type event struct {
	SessionID string
	Method    string
	Params    json.RawMessage
}

// dialCDP connects to a browser's websocket endpoint and starts reading.
func dialCDP(ctx context.Context, url string, onEvent func(event)) (*cdp, error) {
	ws, _, err := websocket.Dial(ctx, url, nil)
	if err != nil {
		return nil, fmt.Errorf("connect to chromium at %s: %w", url, err)
	}
	ws.SetReadLimit(256 << 20) // screenshots of long pages are large
	c := &cdp{ws: ws, waiting: map[int64]chan reply{}, onEvent: onEvent, done: make(chan struct{})}
	go c.read()
	return c, nil
}

// read dispatches messages until the connection closes.
func (c *cdp) read() {
	defer close(c.done)
	for {
		_, data, err := c.ws.Read(context.Background())
		if err != nil {
			c.mu.Lock()
			c.err = err
			for id, ch := range c.waiting {
				ch <- reply{err: fmt.Errorf("chromium connection closed: %w", err)}
				delete(c.waiting, id)
			}
			c.mu.Unlock()
			return
		}
		var m message
		if err := json.Unmarshal(data, &m); err != nil {
			continue
		}
		if m.ID == 0 {
			c.onEvent(event{SessionID: m.SessionID, Method: m.Method, Params: m.Params})
			continue
		}
		c.mu.Lock()
		ch := c.waiting[m.ID]
		delete(c.waiting, m.ID)
		c.mu.Unlock()
		if ch == nil {
			continue
		}
		if m.Error != nil {
			ch <- reply{err: fmt.Errorf("chromium: %s (%d)", m.Error.Message, m.Error.Code)}
		} else {
			ch <- reply{result: m.Result}
		}
	}
}

// call sends a command (to a page's session when session is set) and
// decodes its result into out (unless nil).
func (c *cdp) call(ctx context.Context, session, method string, params any, out any) error {
	raw, err := json.Marshal(params)
	if err != nil {
		return err
	}
	if params == nil {
		raw = []byte("{}")
	}
	ch := make(chan reply, 1)
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return fmt.Errorf("%s: chromium connection closed: %w", method, c.err)
	}
	c.nextID++
	id := c.nextID
	c.waiting[id] = ch
	c.mu.Unlock()
	data, err := json.Marshal(message{ID: id, SessionID: session, Method: method, Params: raw})
	if err != nil {
		return err
	}
	if err := c.ws.Write(ctx, websocket.MessageText, data); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	select {
	case r := <-ch:
		if r.err != nil {
			return fmt.Errorf("%s: %w", method, r.err)
		}
		if out != nil {
			return json.Unmarshal(r.result, out)
		}
		return nil
	case <-ctx.Done():
		c.mu.Lock()
		delete(c.waiting, id)
		c.mu.Unlock()
		return fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

// close closes the connection.
func (c *cdp) close() {
	_ = c.ws.Close(websocket.StatusNormalClosure, "")
	<-c.done
}
