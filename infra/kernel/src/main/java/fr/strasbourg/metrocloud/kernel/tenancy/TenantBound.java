package fr.strasbourg.metrocloud.kernel.tenancy;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code @Transactional} bean (or method) whose database work must run bound to the tenant
 * of the {@link CallContext} argument of the intercepted method. Every such method must take
 * exactly one {@code CallContext}.
 */
@Inherited
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface TenantBound {}
