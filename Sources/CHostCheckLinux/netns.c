#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "CHostCheckLinux.h"

#ifdef __linux__

#include <errno.h>
#include <pthread.h>
#include <sched.h>

struct open_in_netns {
    int ns_fd;
    int result;
};

/* Runs on its own short-lived thread: the namespace change dies with the thread. */
static void *open_in_netns_thread(void *argument) {
    struct open_in_netns *job = argument;
    if (setns(job->ns_fd, CLONE_NEWNET) != 0) {
        job->result = -errno;
        return NULL;
    }
    job->result = hc_diag_open();
    return NULL;
}

int hc_diag_open_in_netns(int ns_fd) {
    if (ns_fd < 0) return -EBADF;
    struct open_in_netns job = {ns_fd, -EIO};
    pthread_t thread;
    int created = pthread_create(&thread, NULL, open_in_netns_thread, &job);
    if (created != 0) return -created;
    int joined = pthread_join(thread, NULL);
    if (joined != 0) return -joined;
    return job.result;
}

#endif
