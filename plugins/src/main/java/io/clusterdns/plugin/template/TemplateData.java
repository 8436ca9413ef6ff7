package io.clusterdns.plugin.template;

import java.util.regex.MatchResult;

/**
 * What one query offers an RR template: the fields of CoreDNS's template data that this
 * implementation supports.
 *
 * @param name the question name as the client spelled it, with its trailing dot
 * @param zone the template zone the name fell in
 * @param qclass the question class, or the template's when the question asked ANY
 * @param qtype the question type, or the template's when the question asked ANY
 * @param remote the client's IP address
 * @param match the regular expression match against the lower-case name
 */
record TemplateData(String name, String zone, String qclass, String qtype, String remote, MatchResult match) {}
