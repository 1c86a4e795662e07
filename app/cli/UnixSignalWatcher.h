#pragma once

#include <QObject>

class QSocketNotifier;

namespace shopdesk {

// Turns SIGTERM and SIGINT into a Qt signal on the main thread (the self-pipe pattern: the
// handler only writes a byte; everything else happens in the event loop).
class UnixSignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    static void handle(int signalNumber);
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace shopdesk
