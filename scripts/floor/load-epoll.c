/* The epoll floor: one thread, N keep-alive connections, edge-triggered. Per request one send, one recv and a share
   of one epoll_wait: in a closed loop a socket holds nothing unasked, so a receive shorter than the buffer drained it
   and the next response raises a new edge (no read to EAGAIN). */
#include "load-floor.h"
#include <sys/epoll.h>

int main(int argc, char **argv) {
    struct floor_options o = parse_options(argc, argv);
    int epoll = epoll_create1(0);
    if (epoll < 0) die("epoll_create1");
    int *fds = calloc((size_t)o.connections, sizeof *fds);
    struct framing *framing = calloc((size_t)o.connections, sizeof *framing);
    for (int c = 0; c < o.connections; c++) {
        fds[c] = connect_one(&o, 1);
        struct epoll_event e = {.events = EPOLLIN | EPOLLET, .data.u32 = (unsigned)c};
        if (epoll_ctl(epoll, EPOLL_CTL_ADD, fds[c], &e) != 0) die("epoll_ctl");
    }
    static char buffer[65536];
    struct epoll_event events[256];
    unsigned long long requests = 0;
    double start = now_seconds(), end = start + o.seconds, t = start;
    for (int c = 0; c < o.connections; c++)
        if (send(fds[c], o.request, (size_t)o.request_length, MSG_NOSIGNAL) != o.request_length) die("send");
    while (t < end) {
        int n = epoll_wait(epoll, events, 256, 100);
        if (n < 0 && errno != EINTR) die("epoll_wait");
        for (int i = 0; i < n; i++) {
            int c = (int)events[i].data.u32;
            ssize_t got;
            do {
                got = recv(fds[c], buffer, sizeof buffer, 0);
                if (got < 0 && errno == EAGAIN) break;
                if (got <= 0) { errno = got == 0 ? ECONNRESET : errno; die("recv"); }
                if (frame(&framing[c], buffer, got) > 0) {
                    requests++;
                    if (send(fds[c], o.request, (size_t)o.request_length, MSG_NOSIGNAL) != o.request_length) die("send");
                }
            } while (got == (ssize_t)sizeof buffer);
        }
        t = now_seconds();
    }
    printf("%llu %.3f\n", requests, t - start);
    return 0;
}
