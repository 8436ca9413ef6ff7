// One lookup through Go's own resolver (net.Resolver with PreferGo), for the resolver comparison
// tests. Usage: lookup 4|6|0 NAME. Asks for one family ("ip4" or "ip6"), or both (0: "ip"). Prints one line:
// "ANSWER addr,addr,..." in the order returned, or "ERROR NOTFOUND|TIMEOUT|TEMPORARY|OTHER".
package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
)

func main() {
	if len(os.Args) != 3 || (os.Args[1] != "4" && os.Args[1] != "6" && os.Args[1] != "0") {
		fmt.Fprintln(os.Stderr, "usage: lookup 4|6|0 NAME")
		os.Exit(2)
	}
	network := "ip" + os.Args[1]
	if os.Args[1] == "0" {
		network = "ip"
	}
	resolver := &net.Resolver{PreferGo: true}
	ips, err := resolver.LookupIP(context.Background(), network, os.Args[2])
	if err != nil {
		var dnsErr *net.DNSError
		switch {
		case !errors.As(err, &dnsErr):
			fmt.Println("ERROR OTHER")
		case dnsErr.IsNotFound:
			fmt.Println("ERROR NOTFOUND")
		case dnsErr.IsTimeout:
			fmt.Println("ERROR TIMEOUT")
		case dnsErr.IsTemporary:
			fmt.Println("ERROR TEMPORARY")
		default:
			fmt.Println("ERROR OTHER")
		}
		return
	}
	texts := make([]string, len(ips))
	for i, ip := range ips {
		texts[i] = ip.String()
	}
	fmt.Println("ANSWER " + strings.Join(texts, ","))
}
