#include "storage/ChangeFeed.h"

#include "core/Logging.h"
#include "storage/PostgresBackend.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <pqxx/pqxx>

namespace shopdesk {

namespace {

class Receiver final : public pqxx::notification_receiver
{
public:
    Receiver(pqxx::connection_base &c, const std::string &channel,
             std::function<void(const std::string &)> deliver)
        : pqxx::notification_receiver(c, channel)
        , m_deliver(std::move(deliver))
    {}
    void operator()(const std::string &payload, int) override { m_deliver(payload); }

private:
    std::function<void(const std::string &)> m_deliver;
};

} // namespace

ChangeFeed::ChangeFeed(QString connectionString, QString ownTag, QObject *parent)
    : QObject(parent)
    , m_connectionString(std::move(connectionString))
    , m_ownTag(std::move(ownTag))
{}

ChangeFeed::~ChangeFeed()
{
    m_stop = true;
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void ChangeFeed::start()
{
    if (!m_thread.joinable())
        m_thread = std::thread([this] { loop(); });
}

QStringList ChangeFeed::keysOf(const QByteArray &payload, const QString &ownTag)
{
    const QJsonObject o = QJsonDocument::fromJson(payload).object();
    const QString tag = o.value(QLatin1String("n")).toString();
    if (tag.isEmpty() || tag == ownTag)
        return {};
    QStringList keys;
    for (const QJsonValue &k : o.value(QLatin1String("k")).toArray())
        if (!k.toString().isEmpty())
            keys << k.toString();
    return keys;
}

bool ChangeFeed::pause(int ms)
{
    std::unique_lock lock(m_mutex);
    m_wake.wait_for(lock, std::chrono::milliseconds(ms), [this] { return m_stop.load(); });
    return !m_stop;
}

void ChangeFeed::loop()
{
    int backoffMs = 1000;
    bool lost = false;
    while (!m_stop) {
        try {
            pqxx::connection connection(m_connectionString.toStdString());
            Receiver receiver(
                connection, PostgresBackend::changeChannel().toStdString(),
                [this](const std::string &payload) {
                    const QStringList keys = keysOf(QByteArray::fromStdString(payload), m_ownTag);
                    if (!keys.isEmpty())
                        QMetaObject::invokeMethod(
                            this, [this, keys] { Q_EMIT changed(keys); }, Qt::QueuedConnection);
                });
            m_listening = true;
            QMetaObject::invokeMethod(
                this,
                [this, lost] {
                    if (lost)
                        Q_EMIT missed();
                    Q_EMIT listening();
                },
                Qt::QueuedConnection);
            backoffMs = 1000;
            while (!m_stop)
                connection.await_notification(0, 200000); // wakes to check m_stop
        } catch (const std::exception &e) {
            if (m_listening || !lost)
                qCWarning(lcDb) << "Live updates from other consoles paused:" << e.what();
            m_listening = false;
            lost = true;
            if (!pause(backoffMs))
                break;
            backoffMs = std::min(backoffMs * 2, 30000);
        }
    }
    m_listening = false;
}

} // namespace shopdesk
