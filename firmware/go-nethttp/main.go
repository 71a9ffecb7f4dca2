// Command go-nethttp is the DeviceBench contender built on the standard library's net/http.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"
	"time"
)

var (
	hello = []byte("Hello, World!")
	json  = []byte(`{"message":"Hello, World!"}`)
)

// A switch rather than ServeMux: the mux answers unclean paths with a 301 instead of a 404.
func route(path string) (contentType string, body []byte) {
	switch path {
	case "/":
		return "text/plain", hello
	case "/json":
		return "application/json", json
	}
	return "", nil
}

func handle(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	contentType, body := route(r.URL.Path)
	switch {
	case body == nil:
		// Not http.NotFound: it sends a text body and X-Content-Type-Options.
		h.Set("Content-Length", "0")
		w.WriteHeader(http.StatusNotFound)
	case r.Method != http.MethodGet && r.Method != http.MethodHead:
		h.Set("Allow", "GET, HEAD")
		h.Set("Content-Length", "0")
		w.WriteHeader(http.StatusMethodNotAllowed)
	default:
		// Both set up front so net/http neither sniffs the type nor falls back to chunking.
		h.Set("Content-Type", contentType)
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		if r.Method == http.MethodGet {
			w.Write(body)
		}
	}
}

func main() {
	port := flag.Int("port", 8080, "TCP port to listen on (all interfaces)")
	threads := flag.Int("threads", runtime.NumCPU(), "worker threads (GOMAXPROCS)")
	flag.Parse()
	if *threads < 1 || *port < 0 || *port > 65535 || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	runtime.GOMAXPROCS(*threads)

	ln, err := net.Listen("tcp4", fmt.Sprintf("0.0.0.0:%d", *port))
	if err != nil {
		fmt.Fprintln(os.Stderr, "go-nethttp:", err)
		os.Exit(1)
	}
	// Registered before the "listening" line so a harness may signal right after it.
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	fmt.Printf("listening on %s\n", ln.Addr()) // os.Stdout is unbuffered

	srv := &http.Server{Handler: http.HandlerFunc(handle)}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err = <-errc:
	case <-ctx.Done():
		// Shutdown waits for busy connections and for never-used ones to age 5 s; bound it so
		// a harness's SIGTERM ends the process promptly, as rust-hyper does.
		grace, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if err = srv.Shutdown(grace); errors.Is(err, context.DeadlineExceeded) {
			fmt.Fprintln(os.Stderr, "go-nethttp: connections still open after 2s, exiting")
			err = srv.Close()
		}
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(os.Stderr, "go-nethttp:", err)
		os.Exit(1)
	}
}
