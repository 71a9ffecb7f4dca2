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
)

var (
	hello = []byte("Hello, World!")
	json  = []byte(`{"message":"Hello, World!"}`)
)

// static answers GET/HEAD with body. Content-Type and Content-Length are set up front so
// net/http neither sniffs the type nor falls back to chunked encoding.
func static(contentType string, body []byte) http.HandlerFunc {
	length := strconv.Itoa(len(body))
	return func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", "GET, HEAD")
			h.Set("Content-Length", "0")
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		h.Set("Content-Type", contentType)
		h.Set("Content-Length", length)
		w.WriteHeader(http.StatusOK)
		if r.Method == http.MethodGet {
			w.Write(body)
		}
	}
}

// notFound is used instead of http.NotFound, which sends a text body and X-Content-Type-Options.
func notFound(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(http.StatusNotFound)
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

	hi, js := static("text/plain", hello), static("application/json", json)
	// A switch rather than ServeMux: the mux would redirect unclean paths with 301 instead of 404.
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			hi(w, r)
		case "/json":
			js(w, r)
		default:
			notFound(w, r)
		}
	})
	srv := &http.Server{Handler: handler}

	ln, err := net.Listen("tcp4", fmt.Sprintf("0.0.0.0:%d", *port))
	if err != nil {
		fmt.Fprintln(os.Stderr, "go-nethttp:", err)
		os.Exit(1)
	}
	// Registered before the "listening" line so a harness may signal right after it.
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	fmt.Printf("listening on %s\n", ln.Addr()) // os.Stdout is unbuffered

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err = <-errc:
	case <-ctx.Done():
		err = srv.Shutdown(context.Background())
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(os.Stderr, "go-nethttp:", err)
		os.Exit(1)
	}
}
