#pragma once

#include <QString>

namespace shopdesk {
class Store;
}

namespace shopdesk::test {

// Reads a store's messages and the bot's execution traces back from the database, for the
// exactly-once tests of several engine nodes and of crashes.
class BotTurnAudit
{
public:
    BotTurnAudit(Store &store, qint64 tenantId);

    int turns(); // the bot's turns so far (execution traces)
    // Everything delivered so far has been processed and had its bot turn.
    bool settled(int expectedMessages);
    // What is wrong, in words (empty when nothing): every customer message stored once, none
    // still waiting for the bot, each with exactly one bot turn, the turns of each chat in the
    // order of its messages.
    QString problems(int expectedMessages);

private:
    int count(const QString &sql);

    Store &m_store;
    qint64 m_tenant;
};

} // namespace shopdesk::test
