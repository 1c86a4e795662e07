#include "IdleLock.h"

#include <QCoreApplication>
#include <QEvent>

namespace shopdesk {

IdleLock::IdleLock(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_armed)
            Q_EMIT idle();
    });
    QCoreApplication::instance()->installEventFilter(this);
}

void IdleLock::setTimeout(int ms)
{
    m_timeout = ms;
    restart();
}

void IdleLock::setArmed(bool armed)
{
    m_armed = armed;
    restart();
}

void IdleLock::restart()
{
    if (m_armed && m_timeout > 0)
        m_timer.start(m_timeout);
    else
        m_timer.stop();
}

bool IdleLock::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
        if (m_armed && m_timer.isActive())
            m_timer.start(m_timeout);
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace shopdesk
