#pragma once

#include <QObject>
#include <QStringList>
#include <QThread>

namespace shopdesk {

// Moves SQLite's WAL checkpoints off the engine's connections. Left to itself SQLite copies
// the log back into the database file inside whichever commit crosses 1,000 pages, and that
// commit (often a webhook's, whose acknowledgement a provider waits for) takes tens of
// milliseconds longer. The engine turns automatic checkpoints off on its connections and this
// object checkpoints every 250 ms from a connection of its own on its own thread (PASSIVE: it
// never waits for readers or writers). When the last connection closes SQLite checkpoints once
// more, so nothing is left in the log.
class SqliteCheckpointer : public QObject
{
    Q_OBJECT
public:
    // The database files it checkpoints (the store's and its inbox file).
    explicit SqliteCheckpointer(QStringList paths, QObject *parent = nullptr);
    ~SqliteCheckpointer() override;

    void start();
    void stop();

private:
    QStringList m_paths;
    QThread m_thread;
    QObject *m_worker = nullptr; // lives on m_thread
};

} // namespace shopdesk
