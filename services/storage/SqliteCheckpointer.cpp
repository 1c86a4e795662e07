#include "storage/SqliteCheckpointer.h"

#include "core/Logging.h"
#include "storage/SqliteBackend.h"

#include <QTimer>

#include <memory>
#include <vector>

namespace shopdesk {

namespace {

class CheckpointWorker final : public QObject
{
public:
    explicit CheckpointWorker(QStringList paths)
        : m_paths(std::move(paths))
    {}

    void begin()
    {
        for (const QString &path : std::as_const(m_paths)) {
            try {
                m_dbs.push_back(std::make_unique<SqliteBackend>(path));
            } catch (const std::exception &e) {
                qCWarning(lcDb) << "No background checkpoints for" << path << ":" << e.what();
            }
        }
        m_timer = new QTimer(this);
        m_timer->setInterval(250);
        connect(m_timer, &QTimer::timeout, this, [this] {
            for (const auto &db : m_dbs) {
                try {
                    db->query(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"), {});
                } catch (const std::exception &e) {
                    qCWarning(lcDb) << "Checkpoint failed:" << e.what();
                }
            }
        });
        m_timer->start();
    }
    void end()
    {
        delete m_timer;
        m_timer = nullptr;
        m_dbs.clear();
    }

private:
    QStringList m_paths;
    std::vector<std::unique_ptr<SqliteBackend>> m_dbs;
    QTimer *m_timer = nullptr;
};

} // namespace

SqliteCheckpointer::SqliteCheckpointer(QStringList paths, QObject *parent)
    : QObject(parent)
    , m_paths(std::move(paths))
{
    m_thread.setObjectName(QStringLiteral("shopdesk-checkpoint"));
}

SqliteCheckpointer::~SqliteCheckpointer()
{
    stop();
}

void SqliteCheckpointer::start()
{
    if (m_thread.isRunning())
        return;
    auto *worker = new CheckpointWorker(m_paths);
    worker->moveToThread(&m_thread);
    m_worker = worker;
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    m_thread.start(QThread::LowPriority);
    QMetaObject::invokeMethod(worker, [worker] { worker->begin(); });
}

void SqliteCheckpointer::stop()
{
    if (!m_thread.isRunning())
        return;
    auto *worker = static_cast<CheckpointWorker *>(m_worker);
    QMetaObject::invokeMethod(
        worker, [worker] { worker->end(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    m_worker = nullptr;
}

} // namespace shopdesk
