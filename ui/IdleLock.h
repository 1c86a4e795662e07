#pragma once

#include <QObject>
#include <QTimer>

namespace shopdesk {

// Notices when nobody has touched the console (keys, clicks, the wheel) for a while and says
// so once with idle(); any input starts the wait again. Watches the whole application.
class IdleLock : public QObject
{
    Q_OBJECT
public:
    explicit IdleLock(QObject *parent = nullptr);

    void setTimeout(int ms); // 0: never
    int timeout() const { return m_timeout; }
    void setArmed(bool armed); // only while somebody with a secret is signed in

Q_SIGNALS:
    void idle();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void restart();

    QTimer m_timer;
    int m_timeout = 0;
    bool m_armed = false;
};

} // namespace shopdesk
