#ifndef CHOSTCHECKLINUX_H
#define CHOSTCHECKLINUX_H

/*
 * A small shim over what Glibc does not expose to Swift: NETLINK_SOCK_DIAG inet dumps
 * (struct inet_diag_req_v2 / inet_diag_msg) and setns() on a dedicated thread.
 * Every function returns a negative errno on failure and never aborts.
 */

#include <stddef.h>
#include <stdint.h>

/* One inet socket from a sock_diag dump. Addresses are in network byte order (IPv4 in the
 * first four bytes); ports in host order. */
typedef struct hc_diag_socket {
    uint8_t family;        /* AF_INET or AF_INET6 */
    uint8_t state;         /* include/net/tcp_states.h */
    int8_t v6only;         /* 1 or 0 from INET_DIAG_SKV6ONLY, -1 when absent */
    uint8_t reserved;
    uint16_t local_port;
    uint16_t remote_port;
    uint32_t inode;
    uint32_t uid;
    uint32_t interface;    /* idiag_if: the bound interface index (an IPv6 scope), 0 for none */
    uint8_t local_address[16];
    uint8_t remote_address[16];
} hc_diag_socket;

/* A growable array of sockets owned by C; release it with hc_diag_list_free. */
typedef struct hc_diag_list {
    hc_diag_socket *items;
    size_t count;
    size_t capacity;
} hc_diag_list;

/* Opens a NETLINK_SOCK_DIAG socket in the calling thread's network namespace.
 * Returns the descriptor or -errno. */
int hc_diag_open(void);

/* Opens a NETLINK_SOCK_DIAG socket in the network namespace `ns_fd` refers to (an open
 * /proc/PID/ns/net). setns() runs on a new pthread that creates the socket and exits, so no
 * other thread ever changes namespace. Returns the descriptor or -errno. */
int hc_diag_open_in_netns(int ns_fd);

/* Dumps every socket of `family` (AF_INET/AF_INET6) and `protocol` (IPPROTO_TCP/UDP) in all
 * states, appending to `list`. Returns 0 or -errno (-ENOENT when the kernel has no diag
 * handler for the protocol). */
int hc_diag_dump(int netlink_fd, uint8_t family, uint8_t protocol, hc_diag_list *list);

/* Dumps every TCP socket of both address families (each item says its family) in one walk of
 * the kernel's TCP tables, through the TCPDIAG_GETSOCK compatibility request. Returns 0 or
 * -errno (a kernel without the compatibility request answers with an error). */
int hc_diag_dump_tcp_all_families(int netlink_fd, hc_diag_list *list);

/* Frees the items of `list` and resets it. */
void hc_diag_list_free(hc_diag_list *list);

/* Closes a descriptor returned by hc_diag_open*. */
void hc_diag_close(int netlink_fd);

#endif
