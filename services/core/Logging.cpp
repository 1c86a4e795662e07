#include "core/Logging.h"

namespace shopdesk {
Q_LOGGING_CATEGORY(lcDb, "shopdesk.db")
Q_LOGGING_CATEGORY(lcEngine, "shopdesk.engine")
Q_LOGGING_CATEGORY(lcDemo, "shopdesk.demo")
Q_LOGGING_CATEGORY(lcNet, "shopdesk.net")
Q_LOGGING_CATEGORY(lcSend, "shopdesk.send")
Q_LOGGING_CATEGORY(lcKnowledge, "shopdesk.knowledge")
Q_LOGGING_CATEGORY(lcAgent, "shopdesk.agent")
} // namespace shopdesk
