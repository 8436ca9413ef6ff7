/*
 * One ares_getaddrinfo() or ares_search() through c-ares, configured from /etc/resolv.conf as
 * ares_init() reads it, for the resolver comparison tests. Usage: ares 4|6|0|s4|s6 NAME.
 * ares_getaddrinfo for one family (4, 6) or both (0: AF_UNSPEC); ares_search for A (s4) or AAAA
 * (s6). Prints one line: "ANSWER addr,addr,..." in the order returned, or "ERROR <ares status
 * name>".
 */
#include <ares.h>
#include <arpa/nameser.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>

static const char *status_name(int status) {
  switch (status) {
    case ARES_ENODATA: return "ARES_ENODATA";
    case ARES_ENOTFOUND: return "ARES_ENOTFOUND";
    case ARES_ESERVFAIL: return "ARES_ESERVFAIL";
    case ARES_EREFUSED: return "ARES_EREFUSED";
    case ARES_ETIMEOUT: return "ARES_ETIMEOUT";
    case ARES_EBADNAME: return "ARES_EBADNAME";
    case ARES_ECONNREFUSED: return "ARES_ECONNREFUSED";
    default: return "ARES_OTHER";
  }
}

static void done(void *arg, int status, int timeouts, struct ares_addrinfo *result) {
  (void) arg;
  (void) timeouts;
  if (status != ARES_SUCCESS) {
    printf("ERROR %s\n", status_name(status));
    return;
  }
  printf("ANSWER ");
  char text[INET6_ADDRSTRLEN];
  for (struct ares_addrinfo_node *node = result->nodes; node != NULL; node = node->ai_next) {
    const void *address = node->ai_family == AF_INET
        ? (const void *) &((struct sockaddr_in *) node->ai_addr)->sin_addr
        : (const void *) &((struct sockaddr_in6 *) node->ai_addr)->sin6_addr;
    inet_ntop(node->ai_family, address, text, sizeof text);
    printf("%s%s", text, node->ai_next != NULL ? "," : "");
  }
  printf("\n");
  ares_freeaddrinfo(result);
}

static void searched(void *arg, int status, int timeouts, unsigned char *abuf, int alen) {
  (void) timeouts;
  int family = *(int *) arg;
  if (status != ARES_SUCCESS) {
    printf("ERROR %s\n", status_name(status));
    return;
  }
  char text[INET6_ADDRSTRLEN];
  int count = 16;
  if (family == AF_INET) {
    struct ares_addrttl found[16];
    status = ares_parse_a_reply(abuf, alen, NULL, found, &count);
    if (status != ARES_SUCCESS) {
      printf("ERROR %s\n", status_name(status));
      return;
    }
    printf("ANSWER ");
    for (int i = 0; i < count; i++) {
      inet_ntop(AF_INET, &found[i].ipaddr, text, sizeof text);
      printf("%s%s", text, i + 1 < count ? "," : "");
    }
  } else {
    struct ares_addr6ttl found[16];
    status = ares_parse_aaaa_reply(abuf, alen, NULL, found, &count);
    if (status != ARES_SUCCESS) {
      printf("ERROR %s\n", status_name(status));
      return;
    }
    printf("ANSWER ");
    for (int i = 0; i < count; i++) {
      inet_ntop(AF_INET6, &found[i].ip6addr, text, sizeof text);
      printf("%s%s", text, i + 1 < count ? "," : "");
    }
  }
  printf("\n");
}

int main(int argc, char **argv) {
  const char *mode = argc == 3 ? argv[1] : "";
  int search = mode[0] == 's';
  const char *family_text = search ? mode + 1 : mode;
  if (strcmp(family_text, "4") != 0 && strcmp(family_text, "6") != 0 && (search || strcmp(family_text, "0") != 0)) {
    fprintf(stderr, "usage: ares 4|6|0|s4|s6 NAME\n");
    return 2;
  }
  int family = family_text[0] == '4' ? AF_INET : family_text[0] == '6' ? AF_INET6 : AF_UNSPEC;
  ares_channel channel;
  if (ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS || ares_init(&channel) != ARES_SUCCESS) {
    fprintf(stderr, "ares_init failed\n");
    return 1;
  }
  if (search) {
    ares_search(channel, argv[2], C_IN, family == AF_INET ? T_A : T_AAAA, searched, &family);
  } else {
    struct ares_addrinfo_hints hints;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = family;
    ares_getaddrinfo(channel, argv[2], NULL, &hints, done, NULL);
  }
  for (;;) {
    fd_set readers, writers;
    FD_ZERO(&readers);
    FD_ZERO(&writers);
    int nfds = ares_fds(channel, &readers, &writers);
    if (nfds == 0) {
      break;
    }
    struct timeval tv;
    struct timeval *wait = ares_timeout(channel, NULL, &tv);
    select(nfds, &readers, &writers, NULL, wait);
    ares_process(channel, &readers, &writers);
  }
  ares_destroy(channel);
  ares_library_cleanup();
  return 0;
}
