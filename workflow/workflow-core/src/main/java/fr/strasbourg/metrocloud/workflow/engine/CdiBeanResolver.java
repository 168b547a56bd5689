package fr.strasbourg.metrocloud.workflow.engine;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.beans.FeatureDescriptor;
import java.util.Collections;
import java.util.Iterator;
import java.util.Set;
import org.flowable.common.engine.impl.javax.el.ELContext;
import org.flowable.common.engine.impl.javax.el.ELResolver;

/**
 * Lets BPMN expressions call the application's {@code @Named} CDI beans, e.g. {@code
 * ${leaveProcess.approved(execution)}}, so that process steps run the platform's transactional,
 * tenant-bound services (flowable-cdi is not needed for this).
 */
final class CdiBeanResolver extends ELResolver {

  private final BeanManager beans;

  CdiBeanResolver(BeanManager beans) {
    this.beans = beans;
  }

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    if (base != null || !(property instanceof String name)) {
      return null;
    }
    Set<Bean<?>> found = beans.getBeans(name);
    if (found.isEmpty()) {
      return null;
    }
    Bean<?> bean = beans.resolve(found);
    Object reference =
        beans.getReference(bean, bean.getBeanClass(), beans.createCreationalContext(bean));
    context.setPropertyResolved(true);
    return reference;
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return Object.class;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return Collections.emptyIterator();
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    return true;
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
    // beans are never assigned from a process
  }
}
