#include "storage/SqliteCheckpointer.h"

#include "core/Logging.h"
#include "storage/SqliteBackend.h"

#include <QTimer>

#include <memory>

namespace shopdesk {

namespace {

class CheckpointWorker final : public QObject
{
public:
    explicit CheckpointWorker(QString path)
        : m_path(std::move(path))
    {}

    void begin()
    {
        try {
            m_db = std::make_unique<SqliteBackend>(m_path);
        } catch (const std::exception &e) {
            qCWarning(lcDb) << "No background checkpoints for" << m_path << ":" << e.what();
            return;
        }
        m_timer = new QTimer(this);
        m_timer->setInterval(250);
        connect(m_timer, &QTimer::timeout, this, [this] {
            try {
                m_db->query(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"), {});
            } catch (const std::exception &e) {
                qCWarning(lcDb) << "Checkpoint failed:" << e.what();
            }
        });
        m_timer->start();
    }
    void end()
    {
        delete m_timer;
        m_timer = nullptr;
        m_db.reset();
    }

private:
    QString m_path;
    std::unique_ptr<SqliteBackend> m_db;
    QTimer *m_timer = nullptr;
};

} // namespace

SqliteCheckpointer::SqliteCheckpointer(QString path, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
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
    auto *worker = new CheckpointWorker(m_path);
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
