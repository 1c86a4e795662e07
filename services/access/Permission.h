#pragma once

#include "domain/Operator.h"

#include <QString>

namespace shopdesk {

// What an operator may do in a store. An agent works chats; a manager also edits what the bot
// knows and sells, keeps the customers' ledger and reads the reports; an owner also runs the
// store's accounts, channels, model and customers' privacy. Checked by the engine (Access::require)
// and mirrored by the console, which hides what a role may not do.
enum class Permission {
    WorkChats,       // take over, reply, hand back, close, assign, notes, labels
    EditKnowledge,   // documents, FAQ, passages, synonyms, retrieval settings
    EditInventory,   // products, stock, orders, reminders
    KeepAccounts,    // the customers' ledger: payments, credit, corrections
    EditReplies,     // quick replies, labels, reply templates, intents
    ViewAnalytics,   // dashboards and questions about them
    ViewAudit,       // the audit log
    ManageChannels,  // WhatsApp numbers and their secrets
    ManageModel,     // the language model endpoint and its key
    ManageOperators, // people, roles, passwords and PINs
    ManageSettings,  // the store's other settings (name, hours, sign-in, retention)
    CustomerPrivacy, // export or erase a customer's data
};

class Permissions
{
public:
    static bool allows(OperatorRole role, Permission permission);
    // "Only a manager or the owner can edit the knowledge base."
    static QString refusal(Permission permission);
    // The least role that has it.
    static OperatorRole leastRole(Permission permission);
    static QString roleName(OperatorRole role); // "Owner", "Manager", "Agent"
};

} // namespace shopdesk
