/*
 * One getaddrinfo() as a program linked with a C library calls it, for the resolver comparison
 * tests. Usage: getaddrinfo 4|6|0 NAME. Asks for one family (AF_INET or AF_INET6), or both
 * (0: AF_UNSPEC, one address per address: SOCK_DGRAM), without
 * AI_ADDRCONFIG, so a loopback-only host still sends its queries. Prints one line:
 * "ANSWER addr,addr,..." in the order returned, or "ERROR <EAI constant name>".
 */
#define _GNU_SOURCE
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>

static const char *eai(int code) {
  switch (code) {
    case EAI_NONAME: return "EAI_NONAME";
    case EAI_AGAIN: return "EAI_AGAIN";
    case EAI_FAIL: return "EAI_FAIL";
#ifdef EAI_NODATA
    case EAI_NODATA: return "EAI_NODATA";
#endif
    case EAI_SYSTEM: return "EAI_SYSTEM";
    default: return "EAI_OTHER";
  }
}

int main(int argc, char **argv) {
  if (argc != 3 || (strcmp(argv[1], "4") != 0 && strcmp(argv[1], "6") != 0 && strcmp(argv[1], "0") != 0)) {
    fprintf(stderr, "usage: getaddrinfo 4|6|0 NAME\n");
    return 2;
  }
  struct addrinfo hints;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = argv[1][0] == '4' ? AF_INET : argv[1][0] == '6' ? AF_INET6 : AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  struct addrinfo *result;
  int code = getaddrinfo(argv[2], NULL, &hints, &result);
  if (code != 0) {
    printf("ERROR %s\n", eai(code));
    return 0;
  }
  printf("ANSWER ");
  char text[INET6_ADDRSTRLEN];
  for (struct addrinfo *ai = result; ai != NULL; ai = ai->ai_next) {
    const void *address = ai->ai_family == AF_INET
        ? (const void *) &((struct sockaddr_in *) ai->ai_addr)->sin_addr
        : (const void *) &((struct sockaddr_in6 *) ai->ai_addr)->sin6_addr;
    inet_ntop(ai->ai_family, address, text, sizeof text);
    printf("%s%s", text, ai->ai_next != NULL ? "," : "");
  }
  printf("\n");
  freeaddrinfo(result);
  return 0;
}
