#include "access/OperatorService.h"

#include "access/PasswordHash.h"
#include "access/SignInPolicy.h"
#include "storage/StoreWorker.h"

#include <QPointer>
#include <QTimer>

namespace shopdesk {

namespace {

// Runs f on the pool and hands its result to done on context's thread (dropped when context
// is gone).
template<typename T>
void onPool(QThreadPool &pool, QObject *context, std::function<T()> f, std::function<void(T)> done)
{
    QPointer<QObject> receiver(context);
    pool.start([receiver, f = std::move(f), done = std::move(done)]() mutable {
        T result = f();
        if (!receiver)
            return;
        QMetaObject::invokeMethod(
            receiver.data(),
            [done = std::move(done), result = std::move(result)]() mutable {
                done(std::move(result));
            },
            Qt::QueuedConnection);
    });
}

} // namespace

OperatorService::OperatorService(StoreWorker &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    m_hashing.setMaxThreadCount(2);
}

OperatorService::~OperatorService() = default;

void OperatorService::operators(qint64 tenantId, QObject *context,
                                std::function<void(Result<QList<Operator>>)> done)
{
    m_store.run(
        context, [tenantId](Store &s) { return s.operators().list(tenantId); }, std::move(done));
}

void OperatorService::sharedMode(QObject *context, std::function<void(Result<bool>)> done)
{
    m_store.run(
        context, [](Store &s) { return Result<bool>(OperatorAccounts::sharedMode(s)); },
        std::move(done));
}

void OperatorService::signInNeeds(qint64 tenantId, qint64 operatorId, QObject *context,
                                  std::function<void(Result<bool>)> done)
{
    m_store.run(
        context,
        [tenantId, operatorId](Store &s) -> Result<bool> {
            auto attempt = OperatorAccounts::beginSignIn(s, tenantId, operatorId);
            if (!attempt)
                return Result<bool>::failure(attempt);
            return attempt.value().needsSecret;
        },
        std::move(done));
}

void OperatorService::signIn(qint64 tenantId, qint64 operatorId, const QString &secret,
                             QObject *context, std::function<void(Result<Operator>)> done)
{
    auto finish = [this, tenantId, operatorId, context, done](bool ok, QString rehash) {
        m_store.run(
            context,
            [=](Store &s) {
                return OperatorAccounts::finishSignIn(s, tenantId, operatorId, ok, rehash);
            },
            [context, done](Result<Operator> r) {
                if (r || r.errorKind() != ErrorKind::Forbidden) {
                    done(std::move(r));
                    return;
                }
                QTimer::singleShot(SignInPolicy::kWrongAnswerDelayMs, context,
                                   [done, r = std::move(r)]() mutable { done(std::move(r)); });
            });
    };
    m_store.run(
        context,
        [tenantId, operatorId](Store &s) {
            return OperatorAccounts::beginSignIn(s, tenantId, operatorId);
        },
        [this, context, secret, finish, done](Result<SignInAttempt> attempt) {
            if (!attempt) {
                done(Result<Operator>::failure(attempt));
                return;
            }
            if (!attempt.value().needsSecret) {
                finish(true, {});
                return;
            }
            const QString hash = attempt.value().hash;
            onPool<QPair<bool, QString>>(
                m_hashing, context,
                [hash, secret] {
                    const bool ok = PasswordHash::verify(hash, secret);
                    QString rehash;
                    if (ok && PasswordHash::needsRehash(hash)) {
                        if (auto fresh = PasswordHash::hash(secret))
                            rehash = fresh.value();
                    }
                    return qMakePair(ok, rehash);
                },
                [finish](QPair<bool, QString> checked) { finish(checked.first, checked.second); });
        });
}

void OperatorService::hashThen(const QString &secret, QObject *context,
                               std::function<void(Result<QString>)> next)
{
    sharedMode(context, [this, secret, context, next](Result<bool> shared) {
        if (!shared) {
            next(Result<QString>::failure(shared));
            return;
        }
        if (secret.isEmpty()) {
            next(QString());
            return;
        }
        const QString problem = SignInPolicy::problemWith(secret, shared.value());
        if (!problem.isEmpty()) {
            next(Result<QString>::failure(problem, ErrorKind::Invalid));
            return;
        }
        onPool<Result<QString>>(
            m_hashing, context, [secret] { return PasswordHash::hash(secret); }, next);
    });
}

void OperatorService::addOperator(qint64 tenantId, qint64 actorId, const Operator &op,
                                  const QString &secret, QObject *context,
                                  std::function<void(Result<Operator>)> done)
{
    hashThen(secret, context, [=, this](Result<QString> hash) {
        if (!hash) {
            done(Result<Operator>::failure(hash));
            return;
        }
        m_store.run(
            context,
            [=](Store &s) { return OperatorAccounts::add(s, tenantId, actorId, op, hash.value()); },
            done);
    });
}

void OperatorService::setRole(qint64 tenantId, qint64 actorId, qint64 operatorId, OperatorRole role,
                              QObject *context, std::function<void(Status)> done)
{
    m_store.run(
        context,
        [=](Store &s) { return OperatorAccounts::setRole(s, tenantId, actorId, operatorId, role); },
        std::move(done));
}

void OperatorService::setDisabled(qint64 tenantId, qint64 actorId, qint64 operatorId, bool disabled,
                                  QObject *context, std::function<void(Status)> done)
{
    m_store.run(
        context,
        [=](Store &s) {
            return OperatorAccounts::setDisabled(s, tenantId, actorId, operatorId, disabled);
        },
        std::move(done));
}

void OperatorService::setSecret(qint64 tenantId, qint64 actorId, qint64 operatorId,
                                const QString &secret, QObject *context,
                                std::function<void(Status)> done)
{
    hashThen(secret, context, [=, this](Result<QString> hash) {
        if (!hash) {
            done(Status::failure(hash));
            return;
        }
        m_store.run(
            context,
            [=](Store &s) {
                return OperatorAccounts::setSecretHash(s, tenantId, actorId, operatorId,
                                                       hash.value());
            },
            done);
    });
}

void OperatorService::auditLog(qint64 tenantId, qint64 actorId, const AuditFilter &filter,
                               QObject *context,
                               std::function<void(Result<QList<AuditEntry>>)> done)
{
    m_store.run(
        context, [=](Store &s) { return OperatorAccounts::auditLog(s, tenantId, actorId, filter); },
        std::move(done));
}

} // namespace shopdesk
