#include "core/Logging.h"

namespace shopdesk {
Q_LOGGING_CATEGORY(lcDb, "shopdesk.db")
Q_LOGGING_CATEGORY(lcEngine, "shopdesk.engine")
Q_LOGGING_CATEGORY(lcDemo, "shopdesk.demo")
} // namespace shopdesk
