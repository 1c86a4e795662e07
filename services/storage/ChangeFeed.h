#pragma once

#include <QObject>
#include <QStringList>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace shopdesk {

// Hears what other nodes and consoles on the same PostgreSQL server committed: LISTEN on its
// own connection, on its own thread, one NOTIFY per committed transaction carrying the keys
// that changed (see SqlBackend::afterCommit). Its own connection's notifications (ownTag) are
// ignored. After the connection drops it reconnects (1 s, then up to 30 s apart) and says
// `missed`, since notifications sent meanwhile are lost: listeners refetch what they show.
class ChangeFeed : public QObject
{
    Q_OBJECT
public:
    ChangeFeed(QString connectionString, QString ownTag, QObject *parent = nullptr);
    ~ChangeFeed() override; // stops listening and joins the thread

    void start();
    bool isListening() const { return m_listening; }

    // Decodes a payload: the keys, or none when it is ours or not one of Shopdesk's.
    static QStringList keysOf(const QByteArray &payload, const QString &ownTag);

Q_SIGNALS:
    void changed(const QStringList &keys);
    void listening(); // connected (again) and listening
    void missed();    // the connection was lost: anything may have changed meanwhile

private:
    void loop();
    bool pause(int ms); // false when asked to stop

    QString m_connectionString;
    QString m_ownTag;
    std::thread m_thread;
    std::atomic_bool m_stop = false;
    std::atomic_bool m_listening = false;
    std::mutex m_mutex;
    std::condition_variable m_wake;
};

} // namespace shopdesk
