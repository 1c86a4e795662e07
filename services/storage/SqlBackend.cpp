#include "storage/SqlBackend.h"

namespace shopdesk {

void SqlBackend::begin()
{
    if (m_group) {
        setSavepoint();
        return;
    }
    m_afterCommit.clear();
    m_announced.clear();
    beginTransaction();
}

bool SqlBackend::joinsTransaction() const
{
    return inTransaction() && !(m_group && m_savepoints.size() == 1);
}

void SqlBackend::beginGroup()
{
    begin();
    m_group = true;
    m_savepoints.clear();
}

void SqlBackend::beginGroupMember()
{
    setSavepoint();
}

bool SqlBackend::endGroupMember(bool succeeded)
{
    // Whatever the job left open (it should leave nothing) ends with it.
    while (m_savepoints.size() > 1)
        rollBackToSavepoint();
    if (m_savepoints.isEmpty())
        return false;
    const bool keep = succeeded && m_failedStatements == m_savepoints.last().failedStatements;
    if (keep)
        releaseSavepoint();
    else
        rollBackToSavepoint();
    return keep;
}

void SqlBackend::setSavepoint()
{
    const Savepoint mark{m_afterCommit.size(), m_announced.size(), m_failedStatements};
    exec(QStringLiteral("SAVEPOINT shopdesk_%1").arg(m_savepoints.size()), {});
    m_savepoints.append(mark);
}

void SqlBackend::releaseSavepoint()
{
    m_savepoints.removeLast();
    exec(QStringLiteral("RELEASE SAVEPOINT shopdesk_%1").arg(m_savepoints.size()), {});
}

void SqlBackend::rollBackToSavepoint()
{
    const Savepoint mark = m_savepoints.takeLast();
    m_afterCommit.resize(mark.afterCommit);
    m_announced.resize(mark.announced);
    m_failedStatements = mark.failedStatements;
    const QString name = QStringLiteral("shopdesk_%1").arg(m_savepoints.size());
    exec(QStringLiteral("ROLLBACK TO SAVEPOINT ") + name, {});
    exec(QStringLiteral("RELEASE SAVEPOINT ") + name, {});
}

void SqlBackend::commit()
{
    if (m_group && !m_savepoints.isEmpty()) {
        releaseSavepoint(); // a job's transaction: kept until the group commits
        return;
    }
    m_group = false;
    try {
        if (!m_announced.isEmpty())
            publish(std::exchange(m_announced, {}));
        commitTransaction();
    } catch (...) {
        m_afterCommit.clear();
        m_announced.clear();
        throw;
    }
    const QList<std::function<void()>> queued = std::exchange(m_afterCommit, {});
    for (const auto &f : queued)
        f();
}

void SqlBackend::rollback()
{
    if (m_group && !m_savepoints.isEmpty()) {
        rollBackToSavepoint(); // a job's transaction: the group goes on without it
        return;
    }
    m_group = false;
    m_savepoints.clear();
    m_afterCommit.clear();
    m_announced.clear();
    rollbackTransaction();
}

void SqlBackend::afterCommit(std::function<void()> f)
{
    if (inTransaction())
        m_afterCommit.append(std::move(f));
    else
        f();
}

void SqlBackend::afterCommit(std::function<void()> f, const QString &key)
{
    if (inTransaction()) {
        if (!m_announced.contains(key))
            m_announced.append(key);
        m_afterCommit.append(std::move(f));
        return;
    }
    publish({key});
    f();
}

void SqlBackend::scanNumbers(const QString &sql, const SqlParams &params,
                             const std::function<void(const SqlNumbers &)> &visit)
{
    class Row : public SqlNumbers
    {
    public:
        const SqlRow *row = nullptr;
        bool isNull(int c) const override { return row->at(c).isNull(); }
        qint64 at(int c) const override { return row->at(c).toLongLong(); }
    };
    Row view;
    for (const SqlRow &r : query(sql, params)) {
        view.row = &r;
        visit(view);
    }
}

} // namespace shopdesk
