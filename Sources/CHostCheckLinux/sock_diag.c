#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "CHostCheckLinux.h"

#ifdef __linux__

#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int hc_diag_open(void) {
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    return fd < 0 ? -errno : fd;
}

void hc_diag_close(int netlink_fd) {
    if (netlink_fd >= 0) close(netlink_fd);
}

void hc_diag_list_free(hc_diag_list *list) {
    if (list == NULL) return;
    free(list->items);
    list->items = NULL;
    list->count = 0;
    list->capacity = 0;
}

static int append(hc_diag_list *list, const hc_diag_socket *item) {
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 1024;
        hc_diag_socket *grown = realloc(list->items, capacity * sizeof(hc_diag_socket));
        if (grown == NULL) return -ENOMEM;
        list->items = grown;
        list->capacity = capacity;
    }
    list->items[list->count++] = *item;
    return 0;
}

/* Each table's dump has its own sequence number, so messages left over from a dump that
 * stopped early are skipped by the next one. */
static uint32_t sequence_for(uint8_t family, uint8_t protocol) {
    return ((uint32_t)family << 8) | protocol;
}

/* Sends one request to the kernel; 0 or -errno. */
static int send_to_kernel(int fd, const void *message, size_t length) {
    struct sockaddr_nl kernel;
    memset(&kernel, 0, sizeof(kernel));
    kernel.nl_family = AF_NETLINK;
    for (;;) {
        ssize_t sent = sendto(fd, message, length, 0, (struct sockaddr *)&kernel, sizeof(kernel));
        if (sent >= 0) return 0;
        if (errno != EINTR) return -errno;
    }
}

static int send_request(int fd, uint8_t family, uint8_t protocol) {
    struct {
        struct nlmsghdr header;
        struct inet_diag_req_v2 request;
    } message;
    memset(&message, 0, sizeof(message));
    message.header.nlmsg_len = sizeof(message);
    message.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    message.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    message.header.nlmsg_seq = sequence_for(family, protocol);
    message.request.sdiag_family = family;
    message.request.sdiag_protocol = protocol;
    message.request.idiag_states = ~0U;

    return send_to_kernel(fd, &message, sizeof(message));
}

/* The compatibility request (`inet_diag_req`, TCPDIAG_GETSOCK): the kernel answers it for both
 * address families in one walk of the TCP hash tables, where SOCK_DIAG_BY_FAMILY walks them
 * once per family. */
static int send_tcp_compat_request(int fd) {
    struct {
        struct nlmsghdr header;
        struct inet_diag_req request;
    } message;
    memset(&message, 0, sizeof(message));
    message.header.nlmsg_len = sizeof(message);
    message.header.nlmsg_type = TCPDIAG_GETSOCK;
    message.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    message.header.nlmsg_seq = sequence_for(AF_UNSPEC, IPPROTO_TCP);
    message.request.idiag_family = AF_INET;
    message.request.idiag_states = ~0U;

    return send_to_kernel(fd, &message, sizeof(message));
}

/* Reads the inet_diag_msg of one netlink message into `out`; returns 0, or -EINVAL when short. */
static int decode(const struct nlmsghdr *header, uint8_t family, hc_diag_socket *out) {
    if (header->nlmsg_len < NLMSG_LENGTH(sizeof(struct inet_diag_msg))) return -EINVAL;
    const struct inet_diag_msg *msg = NLMSG_DATA(header);
    memset(out, 0, sizeof(*out));
    out->family = msg->idiag_family ? msg->idiag_family : family;
    out->state = msg->idiag_state;
    out->v6only = -1;
    out->local_port = ntohs(msg->id.idiag_sport);
    out->remote_port = ntohs(msg->id.idiag_dport);
    out->inode = msg->idiag_inode;
    out->uid = msg->idiag_uid;
    out->interface = msg->id.idiag_if;
    size_t length = out->family == AF_INET6 ? 16 : 4;
    memcpy(out->local_address, msg->id.idiag_src, length);
    memcpy(out->remote_address, msg->id.idiag_dst, length);

    int remaining = (int)header->nlmsg_len - (int)NLMSG_LENGTH(sizeof(*msg));
    const struct rtattr *attribute = (const struct rtattr *)(msg + 1);
    while (RTA_OK(attribute, remaining)) {
        if (attribute->rta_type == INET_DIAG_SKV6ONLY && RTA_PAYLOAD(attribute) >= 1) {
            out->v6only = *(const uint8_t *)RTA_DATA(attribute) ? 1 : 0;
        }
        attribute = RTA_NEXT(attribute, remaining);
    }
    return 0;
}

/* Receives the answers to one dump request (sequence `sequence`, messages of type `type`). */
static int receive(int fd, uint32_t sequence, uint16_t type, uint8_t family, hc_diag_list *list) {
    size_t size = 64 * 1024;
    char *buffer = malloc(size);
    if (buffer == NULL) return -ENOMEM;
    int result = 0;
    for (;;) {
        ssize_t got = recv(fd, buffer, size, 0);
        if (got < 0) {
            if (errno == EINTR) continue;
            result = -errno;
            break;
        }
        if (got == 0) {
            result = -EPIPE;
            break;
        }
        int done = 0;
        int remaining = (int)got;
        for (const struct nlmsghdr *header = (const struct nlmsghdr *)buffer; NLMSG_OK(header, remaining);
             header = NLMSG_NEXT(header, remaining)) {
            if (header->nlmsg_seq != sequence) continue;
            if (header->nlmsg_type == NLMSG_DONE) {
                if (header->nlmsg_len >= NLMSG_LENGTH(sizeof(int))) {
                    int code = *(const int *)NLMSG_DATA(header);
                    if (code < 0) result = code;
                }
                done = 1;
                break;
            }
            if (header->nlmsg_type == NLMSG_ERROR) {
                const struct nlmsgerr *error = NLMSG_DATA(header);
                result = header->nlmsg_len >= NLMSG_LENGTH(sizeof(*error)) && error->error < 0 ? error->error : -EIO;
                done = 1;
                break;
            }
            if (header->nlmsg_type != type) continue;
            hc_diag_socket item;
            if (decode(header, family, &item) != 0) continue;
            int appended = append(list, &item);
            if (appended != 0) {
                result = appended;
                done = 1;
                break;
            }
        }
        if (done) break;
    }
    free(buffer);
    return result;
}

int hc_diag_dump(int fd, uint8_t family, uint8_t protocol, hc_diag_list *list) {
    if (fd < 0 || list == NULL) return -EINVAL;
    int status = send_request(fd, family, protocol);
    if (status != 0) return status;
    return receive(fd, sequence_for(family, protocol), SOCK_DIAG_BY_FAMILY, family, list);
}

int hc_diag_dump_tcp_all_families(int fd, hc_diag_list *list) {
    if (fd < 0 || list == NULL) return -EINVAL;
    int status = send_tcp_compat_request(fd);
    if (status != 0) return status;
    return receive(fd, sequence_for(AF_UNSPEC, IPPROTO_TCP), TCPDIAG_GETSOCK, AF_INET, list);
}

#endif
