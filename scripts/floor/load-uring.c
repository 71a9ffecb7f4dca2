/* The io_uring floor: one thread, N keep-alive connections, one ring (raw syscalls and the kernel's UAPI header; no
   liburing). Each connection keeps one receive in flight; a completed response queues the next send and receive,
   and one io_uring_enter per batch both submits them and waits for more completions. Sockets are registered
   (no fd lookup per operation), sends post no completion when they succeed (IOSQE_CQE_SKIP_SUCCESS), receives skip
   their first, futile attempt (IORING_RECVSEND_POLL_FIRST: the answer cannot be there yet), and completions run in
   this thread's io_uring_enter rather than in interrupt context (IORING_SETUP_DEFER_TASKRUN). */
#include "load-floor.h"
#include <linux/io_uring.h>
#include <sys/mman.h>
#include <sys/syscall.h>

struct ring {
    int fd;
    unsigned *sq_head, *sq_tail, sq_mask, *sq_array, sq_pending;
    struct io_uring_sqe *sqes;
    unsigned *cq_head, *cq_tail, cq_mask;
    struct io_uring_cqe *cqes;
};

static void ring_open(struct ring *r, unsigned entries) {
    struct io_uring_params p = {0};
    p.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN | IORING_SETUP_CQSIZE;
    p.cq_entries = entries * 2;
    r->fd = (int)syscall(__NR_io_uring_setup, entries, &p);
    if (r->fd < 0) die("io_uring_setup");
    if (!(p.features & IORING_FEAT_SINGLE_MMAP) || !(p.features & IORING_FEAT_CQE_SKIP)) { errno = ENOSYS; die("io_uring features"); }
    size_t sq_size = p.sq_off.array + p.sq_entries * sizeof(unsigned);
    size_t cq_size = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
    size_t size = sq_size > cq_size ? sq_size : cq_size;
    char *sq = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, r->fd, IORING_OFF_SQ_RING);
    if (sq == MAP_FAILED) die("mmap sq");
    r->sq_head = (unsigned *)(sq + p.sq_off.head);
    r->sq_tail = (unsigned *)(sq + p.sq_off.tail);
    r->sq_mask = *(unsigned *)(sq + p.sq_off.ring_mask);
    r->sq_array = (unsigned *)(sq + p.sq_off.array);
    r->cq_head = (unsigned *)(sq + p.cq_off.head);
    r->cq_tail = (unsigned *)(sq + p.cq_off.tail);
    r->cq_mask = *(unsigned *)(sq + p.cq_off.ring_mask);
    r->cqes = (struct io_uring_cqe *)(sq + p.cq_off.cqes);
    r->sqes = mmap(NULL, p.sq_entries * sizeof(struct io_uring_sqe), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
                   r->fd, IORING_OFF_SQES);
    if (r->sqes == MAP_FAILED) die("mmap sqes");
    for (unsigned i = 0; i < p.sq_entries; i++) r->sq_array[i] = i;
}

static struct io_uring_sqe *ring_sqe(struct ring *r) {
    unsigned tail = *r->sq_tail + r->sq_pending++;
    struct io_uring_sqe *sqe = &r->sqes[tail & r->sq_mask];
    memset(sqe, 0, sizeof *sqe);
    return sqe;
}

enum { OP_RECV = 0, OP_SEND = 1 };
#define RECV_BYTES 4096

static void queue_recv(struct ring *r, int c, char *buffer) {
    struct io_uring_sqe *s = ring_sqe(r);
    s->opcode = IORING_OP_RECV; s->fd = c; s->flags = IOSQE_FIXED_FILE; s->ioprio = IORING_RECVSEND_POLL_FIRST;
    s->addr = (unsigned long)buffer; s->len = RECV_BYTES; s->user_data = (unsigned long long)c << 1 | OP_RECV;
}

static void queue_send(struct ring *r, int c, const struct floor_options *o) {
    struct io_uring_sqe *s = ring_sqe(r);
    s->opcode = IORING_OP_SEND; s->fd = c; s->flags = IOSQE_FIXED_FILE | IOSQE_CQE_SKIP_SUCCESS;
    s->addr = (unsigned long)o->request; s->len = (unsigned)o->request_length; s->msg_flags = MSG_NOSIGNAL;
    s->user_data = (unsigned long long)c << 1 | OP_SEND;
}

int main(int argc, char **argv) {
    struct floor_options o = parse_options(argc, argv);
    unsigned entries = 1;
    while (entries < (unsigned)o.connections * 2) entries <<= 1;
    struct ring r = {0};
    ring_open(&r, entries);
    int *fds = calloc((size_t)o.connections, sizeof *fds);
    struct framing *framing = calloc((size_t)o.connections, sizeof *framing);
    char *buffers = malloc((size_t)o.connections * RECV_BYTES);
    for (int c = 0; c < o.connections; c++) fds[c] = connect_one(&o, 0);
    if (syscall(__NR_io_uring_register, r.fd, IORING_REGISTER_FILES, fds, o.connections) != 0) die("register files");
    unsigned long long requests = 0;
    double start = now_seconds(), end = start + o.seconds, t = start;
    for (int c = 0; c < o.connections; c++) { queue_send(&r, c, &o); queue_recv(&r, c, buffers + (size_t)c * RECV_BYTES); }
    struct __kernel_timespec wait = {.tv_sec = 0, .tv_nsec = 100000000};
    struct io_uring_getevents_arg arg = {.ts = (unsigned long long)&wait};
    while (t < end) {
        __atomic_store_n(r.sq_tail, *r.sq_tail + r.sq_pending, __ATOMIC_RELEASE);
        unsigned submit = r.sq_pending;
        r.sq_pending = 0;
        long entered = syscall(__NR_io_uring_enter, r.fd, submit, 1, IORING_ENTER_GETEVENTS | IORING_ENTER_EXT_ARG,
                               &arg, sizeof arg);
        if (entered < 0 && errno != ETIME && errno != EINTR) die("io_uring_enter");
        unsigned head = *r.cq_head, tail = __atomic_load_n(r.cq_tail, __ATOMIC_ACQUIRE);
        for (; head != tail; head++) {
            struct io_uring_cqe *e = &r.cqes[head & r.cq_mask];
            int c = (int)(e->user_data >> 1);
            if ((e->user_data & 1) == OP_SEND || e->res <= 0) { errno = e->res < 0 ? -e->res : ECONNRESET; die((e->user_data & 1) ? "send" : "recv"); }
            char *buffer = buffers + (size_t)c * RECV_BYTES;
            if (frame(&framing[c], buffer, e->res) > 0) { requests++; queue_send(&r, c, &o); }
            queue_recv(&r, c, buffer);
        }
        __atomic_store_n(r.cq_head, head, __ATOMIC_RELEASE);
        t = now_seconds();
    }
    printf("%llu %.3f\n", requests, t - start);
    return 0;
}
