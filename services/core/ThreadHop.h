#pragma once

#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <utility>

namespace shopdesk {

// Calls f on the thread `target` lives on: at once when the caller is already there, otherwise
// queued (an engine object the console calls from its window's thread).
template<typename F> void onThreadOf(QObject *target, F f)
{
    if (QThread::currentThread() == target->thread())
        f();
    else
        QMetaObject::invokeMethod(target, std::move(f), Qt::QueuedConnection);
}

// `done`, callable from any thread, runs on the thread of `context` and never after `context`
// is gone: the answer to a request the console made of an object on another thread.
template<typename... Args>
std::function<void(Args...)> deliverTo(QObject *context, std::function<void(Args...)> done)
{
    QPointer<QObject> guard(context);
    return [guard, done = std::move(done)](Args... args) {
        if (!guard)
            return;
        if (QThread::currentThread() == guard->thread()) {
            done(std::move(args)...);
            return;
        }
        QMetaObject::invokeMethod(
            guard.data(),
            [guard, done, args...]() mutable {
                if (guard)
                    done(std::move(args)...);
            },
            Qt::QueuedConnection);
    };
}

} // namespace shopdesk
