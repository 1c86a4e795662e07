#pragma once

#include "domain/Conversation.h"
#include "domain/Message.h"
#include "storage/SqlBackend.h"

namespace shopdesk::sql {

// Row mappers shared by the stores: the column lists and the functions that read them back.
const QString &messageColumns(); // unqualified columns of messages
Message messageFrom(const SqlRow &row);
const QString &conversationColumns(); // columns of conversations aliased as c
Conversation conversationFrom(const SqlRow &row);

} // namespace shopdesk::sql
