package fr.strasbourg.metrocloud.workflow.engine;

import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.InvalidTransactionException;
import jakarta.transaction.NotSupportedException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.UserTransaction;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The transaction manager Flowable is given: transactions it starts itself (a job on an executor
 * thread) are begun, committed and rolled back through the application's {@link UserTransaction},
 * so that the container sees them as the application's own and the platform's {@code Transactional}
 * services called from a step join them (begun through the raw transaction manager, Liberty's
 * transaction synchronization registry did not see them on executor threads). Suspension and status
 * go to the server's transaction manager.
 */
final class UserTransactionManager implements TransactionManager {

  private final UserTransaction user;
  private final TransactionManager server;

  UserTransactionManager(UserTransaction user, TransactionManager server) {
    this.user = user;
    this.server = server;
  }

  /** Per thread, for each transaction Flowable began: whether it went through the user API. */
  private final ThreadLocal<Deque<Boolean>> begun = ThreadLocal.withInitial(ArrayDeque::new);

  @Override
  public void begin() throws NotSupportedException, SystemException {
    boolean viaUser;
    try {
      user.begin();
      viaUser = true;
    } catch (IllegalStateException forbidden) {
      // inside a container-managed transaction (suspended for a REQUIRES_NEW command)
      server.begin();
      viaUser = false;
    }
    begun.get().push(viaUser);
  }

  private boolean viaUser() {
    Deque<Boolean> stack = begun.get();
    Boolean top = stack.poll();
    if (stack.isEmpty()) {
      begun.remove();
    }
    return top == null || top;
  }

  @Override
  public void commit()
      throws RollbackException,
          HeuristicMixedException,
          HeuristicRollbackException,
          SecurityException,
          IllegalStateException,
          SystemException {
    if (viaUser()) {
      user.commit();
    } else {
      server.commit();
    }
  }

  @Override
  public void rollback() throws IllegalStateException, SecurityException, SystemException {
    if (viaUser()) {
      user.rollback();
    } else {
      server.rollback();
    }
  }

  @Override
  public void setRollbackOnly() throws IllegalStateException, SystemException {
    server.setRollbackOnly();
  }

  @Override
  public int getStatus() throws SystemException {
    return server.getStatus();
  }

  @Override
  public Transaction getTransaction() throws SystemException {
    return server.getTransaction();
  }

  @Override
  public void setTransactionTimeout(int seconds) throws SystemException {
    user.setTransactionTimeout(seconds);
  }

  @Override
  public Transaction suspend() throws SystemException {
    return server.suspend();
  }

  @Override
  public void resume(Transaction tx)
      throws InvalidTransactionException, IllegalStateException, SystemException {
    server.resume(tx);
  }
}
