package org.gbsettle.jobs.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The 401 and 403 answers of the HTTP API as RFC 9457 problem details ({@code application/problem+json}, the members
 * {@link ApiExceptionHandler}'s have: {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}):
 * 401 with {@code WWW-Authenticate: Basic} when a request has no credentials or wrong ones, 403 when its user lacks
 * the role it needs.
 */
final class ApiProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    /** The HTTP Basic realm. */
    static final String REALM = "gbsettle";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public void commence(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException authException)
            throws IOException {
        boolean gave = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        String detail = gave
                ? "The credentials given were not accepted: a user name and password of gbsettle.web.users (HTTP Basic)"
                : request.getMethod() + " " + request.getRequestURI()
                        + " needs a user's credentials (HTTP Basic; users in gbsettle.web.users)";
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
        write(request, response, HttpStatus.UNAUTHORIZED, detail);
    }

    @Override
    public void handle(
            HttpServletRequest request, HttpServletResponse response, AccessDeniedException accessDeniedException)
            throws IOException {
        Principal user = request.getUserPrincipal();
        String who = user == null ? "This user" : "User " + user.getName();
        write(
                request,
                response,
                HttpStatus.FORBIDDEN,
                who + " may not " + request.getMethod() + " " + request.getRequestURI() + ": that needs the role "
                        + ApiAccessProperties.OPERATOR);
    }

    private static void write(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(problem));
    }
}
