package org.gbsettle.jobs.web;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnNotWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Access control of the HTTP API ({@link ApiAccessProperties}): HTTP Basic against the configured users, stateless (no
 * session, no cookie); {@code /actuator/health} public; GET and HEAD public or for any user
 * ({@code gbsettle.web.read-access}); {@code POST /meter-data/messages} for a user with the role {@code OPERATOR} or
 * {@code DATA_SERVICE}; every other request (POST, PUT, PATCH, DELETE) for a user with the role {@code OPERATOR}. 401 and 403 are problem details ({@link ApiProblemResponses}).
 *
 * <p>CSRF protection is off: it defends a browser session's cookie against requests forged by another site, and this
 * API has neither session nor cookie; every request carries its credentials in its {@code Authorization} header, which
 * a forged cross-site request cannot set.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiAccessProperties.class)
class ApiSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ApiSecurityConfiguration.class);

    /** The configured users, their roles as Spring Security roles ({@code ROLE_OPERATOR}). */
    @Bean
    @ConditionalOnWebApplication
    UserDetailsService apiUsers(ApiAccessProperties properties) {
        Map<String, ApiAccessProperties.ApiUser> users = properties.userMap();
        if (users.values().stream().noneMatch(u -> u.roles().contains(ApiAccessProperties.OPERATOR))) {
            log.warn(
                    "No user with role {} in gbsettle.web.users: every POST, PUT, PATCH and DELETE is refused",
                    ApiAccessProperties.OPERATOR);
        }
        return new InMemoryUserDetailsManager(users.entrySet().stream()
                .map(e -> (UserDetails) User.withUsername(e.getKey())
                        .password(e.getValue().password())
                        .roles(e.getValue().roles().toArray(String[]::new))
                        .build())
                .toList());
    }

    /** No users outside the web application; defined so that Boot generates no default user and password. */
    @Bean
    @ConditionalOnNotWebApplication
    UserDetailsService noApiUsers() {
        return new InMemoryUserDetailsManager();
    }

    @Bean
    @ConditionalOnWebApplication
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiAccessProperties properties) throws Exception {
        ApiProblemResponses problems = new ApiProblemResponses();
        boolean publicReads = properties.readAccess() == ApiAccessProperties.ReadAccess.PUBLIC;
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.realmName(ApiProblemResponses.REALM).authenticationEntryPoint(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(a -> {
                    a.requestMatchers("/actuator/health", "/actuator/health/**", "/error")
                            .permitAll();
                    if (publicReads) {
                        a.requestMatchers(HttpMethod.GET).permitAll();
                        a.requestMatchers(HttpMethod.HEAD).permitAll();
                    } else {
                        a.requestMatchers(HttpMethod.GET).authenticated();
                        a.requestMatchers(HttpMethod.HEAD).authenticated();
                    }
                    a.requestMatchers(HttpMethod.POST, "/meter-data/messages")
                            .hasAnyRole(ApiAccessProperties.OPERATOR, ApiAccessProperties.DATA_SERVICE);
                    a.anyRequest().hasRole(ApiAccessProperties.OPERATOR);
                });
        return http.build();
    }
}
