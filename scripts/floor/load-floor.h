/* What the load floors (load-epoll.c, load-uring.c) share: options, connecting, the request devicebench sends, and
   just enough response framing to count responses (status line skipped, Content-Length bodies only; no histogram,
   no timers, no error recovery: any failure ends the run with exit 1). They measure the least CPU an HTTP/1.1
   closed-loop generator on one thread can spend per request on this kernel; scripts/bench-load.sh runs them beside
   wrk and devicebench. usage: load-epoll|load-uring HOST PORT CONNECTIONS SECONDS; prints "REQUESTS SECONDS". */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what) { fprintf(stderr, "load floor: %s: %s\n", what, errno ? strerror(errno) : "failed"); exit(1); }

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

struct floor_options { struct sockaddr_in address; int connections; double seconds; char request[256]; int request_length; };

static struct floor_options parse_options(int argc, char **argv) {
    struct floor_options o = {0};
    if (argc != 5) { fprintf(stderr, "usage: %s HOST PORT CONNECTIONS SECONDS\n", argv[0]); exit(2); }
    o.address.sin_family = AF_INET;
    o.address.sin_port = htons((unsigned short)atoi(argv[2]));
    if (inet_pton(AF_INET, argv[1], &o.address.sin_addr) != 1) { fprintf(stderr, "load floor: bad host\n"); exit(2); }
    o.connections = atoi(argv[3]);
    o.seconds = atof(argv[4]);
    if (o.connections < 1 || o.connections > 60000 || o.seconds <= 0) { fprintf(stderr, "load floor: bad options\n"); exit(2); }
    /* The bytes devicebench sends for this URL (Http/RequestBytes.cs); wrk's differ only in its Host header. */
    o.request_length = snprintf(o.request, sizeof o.request, "GET / HTTP/1.1\r\nHost: %s:%s\r\n\r\n", argv[1], argv[2]);
    return o;
}

/* A blocking connect, then non-blocking for the run; Nagle off as every generator sets it. */
static int connect_one(const struct floor_options *o, int nonblocking) {
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    if (fd < 0) die("socket");
    if (connect(fd, (const struct sockaddr *)&o->address, sizeof o->address) != 0) die("connect");
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (nonblocking && fcntl(fd, F_SETFL, O_NONBLOCK) != 0) die("fcntl");
    return fd;
}

/* Response framing: a head up to its blank line, then Content-Length body bytes. The head is scanned in place
   byte by byte (the state survives a head split across receives); only Content-Length's digits are kept. */
struct framing { int state; long body_left; long length; int line_start; int match; };
static const char content_length[] = "content-length:";

/* Consumes N bytes; returns how many responses they completed. */
static int frame(struct framing *f, const char *p, long n) {
    int done = 0;
    for (long i = 0; i < n;) {
        if (f->state == 2) { /* body */
            long take = n - i < f->body_left ? n - i : f->body_left;
            i += take; f->body_left -= take;
            if (f->body_left == 0) { f->state = 0; f->length = 0; f->line_start = 1; f->match = 0; done++; }
            continue;
        }
        char c = p[i++];
        if (f->state == 1) { /* Content-Length's value */
            if (c >= '0' && c <= '9') { f->length = f->length * 10 + (c - '0'); continue; }
            if (c == ' ') continue;
            f->state = 0;
        }
        if (c == '\n') {
            if (f->line_start) { /* blank line: end of head */
                f->body_left = f->length;
                if (f->body_left == 0) { f->length = 0; f->match = 0; f->line_start = 1; done++; continue; }
                f->state = 2; continue;
            }
            f->line_start = 1; f->match = 0; continue;
        }
        if (c == '\r') continue;
        if (f->line_start) { f->line_start = 0; f->match = 0; }
        if (f->match >= 0) {
            if ((c | 0x20) == content_length[f->match] || c == content_length[f->match]) {
                if (++f->match == (int)sizeof content_length - 1) { f->state = 1; f->length = 0; f->match = -1; }
            } else f->match = -1;
        }
    }
    return done;
}
