package io.clusterdns.plugin.kubernetes.view;

import java.net.InetAddress;

/** What {@code pods verified} needs of a running Pod. */
public record PodInfo(String namespace, String name, InetAddress ip) {}
