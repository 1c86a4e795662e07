#include "storage/SqlBackend.h"

namespace shopdesk {

void SqlBackend::begin()
{
    m_afterCommit.clear();
    m_announced.clear();
    beginTransaction();
}

void SqlBackend::commit()
{
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
