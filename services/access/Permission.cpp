#include "access/Permission.h"

namespace shopdesk {

OperatorRole Permissions::leastRole(Permission permission)
{
    switch (permission) {
    case Permission::WorkChats:
        return OperatorRole::Agent;
    case Permission::EditKnowledge:
    case Permission::EditInventory:
    case Permission::KeepAccounts:
    case Permission::EditReplies:
    case Permission::ViewAnalytics:
    case Permission::ViewAudit:
        return OperatorRole::Manager;
    case Permission::ManageChannels:
    case Permission::ManageModel:
    case Permission::ManageOperators:
    case Permission::ManageSettings:
    case Permission::CustomerPrivacy:
        break;
    }
    return OperatorRole::Owner;
}

bool Permissions::allows(OperatorRole role, Permission permission)
{
    const auto rank = [](OperatorRole r) {
        switch (r) {
        case OperatorRole::Owner:
            return 3;
        case OperatorRole::Manager:
            return 2;
        case OperatorRole::Agent:
            break;
        }
        return 1;
    };
    return rank(role) >= rank(leastRole(permission));
}

QString Permissions::refusal(Permission permission)
{
    const QString who = leastRole(permission) == OperatorRole::Owner
                            ? QStringLiteral("Only the store's owner")
                            : QStringLiteral("Only a manager or the owner");
    QString what;
    switch (permission) {
    case Permission::WorkChats:
        return QStringLiteral("Sign in as one of the store's operators to work on chats.");
    case Permission::EditKnowledge:
        what = QStringLiteral("edit what the bot knows");
        break;
    case Permission::EditInventory:
        what = QStringLiteral("change products, stock, orders or reminders");
        break;
    case Permission::KeepAccounts:
        what = QStringLiteral("record payments, credit or corrections in the customers' ledger");
        break;
    case Permission::EditReplies:
        what = QStringLiteral("change quick replies, labels, reply texts or intents");
        break;
    case Permission::ViewAnalytics:
        what = QStringLiteral("see the reports");
        break;
    case Permission::ViewAudit:
        what = QStringLiteral("read the audit log");
        break;
    case Permission::ManageChannels:
        what = QStringLiteral("change the store's WhatsApp channels");
        break;
    case Permission::ManageModel:
        what = QStringLiteral("change the language model");
        break;
    case Permission::ManageOperators:
        what = QStringLiteral("add people or change their roles, passwords and PINs");
        break;
    case Permission::ManageSettings:
        what = QStringLiteral("change the store's settings");
        break;
    case Permission::CustomerPrivacy:
        what = QStringLiteral("export or erase a customer's data");
        break;
    }
    return who + QStringLiteral(" can ") + what + QLatin1Char('.');
}

QString Permissions::roleName(OperatorRole role)
{
    switch (role) {
    case OperatorRole::Owner:
        return QStringLiteral("Owner");
    case OperatorRole::Manager:
        return QStringLiteral("Manager");
    case OperatorRole::Agent:
        break;
    }
    return QStringLiteral("Agent");
}

} // namespace shopdesk
