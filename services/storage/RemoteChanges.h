#pragma once

#include "domain/Conversation.h"
#include "domain/Message.h"

#include <QList>
#include <QPair>
#include <QStringList>

namespace shopdesk {

class Store;

// What another node's committed transaction changed, read back from the database so this
// node can announce it with its own store signals (keys as SqlBackend::afterCommit writes them:
// "c:<store>:<chat>", "a:<store>:<chat>:<id,id,…>", "u:<store>:<message>", "s:<store>", …).
struct RemoteChanges
{
    struct Appended
    {
        qint64 tenantId = 0;
        qint64 conversationId = 0;
        QList<Message> messages;
    };
    QList<QPair<qint64, Conversation>> conversations;
    QList<Appended> appended;
    QList<QPair<qint64, Message>> updated;
    QList<QPair<QChar, qint64>> perStore; // s settings, h channels, o orders, p products,
                                          // d documents, i intent examples, r reminders,
                                          // w operators
    QList<QPair<qint64, qint64>> traces;  // (store, chat)
    bool tenants = false;
    QList<qint64> resync; // stores to refetch whole (0: every store)

    // Reads what the keys name; a key it cannot read (a row deleted since) is skipped.
    static RemoteChanges resolve(Store &store, const QStringList &keys);
};

} // namespace shopdesk
