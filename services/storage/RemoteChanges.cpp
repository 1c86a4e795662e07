#include "storage/RemoteChanges.h"

#include "storage/Store.h"

namespace shopdesk {

RemoteChanges RemoteChanges::resolve(Store &store, const QStringList &keys)
{
    RemoteChanges out;
    for (const QString &key : keys) {
        const QStringList part = key.split(QLatin1Char(':'));
        const QString kind = part.value(0);
        const qint64 tenant = part.value(1).toLongLong();
        if (kind == QLatin1String("*")) {
            out.resync.append(tenant); // "*" alone: 0, every store
        } else if (kind == QLatin1String("t")) {
            out.tenants = true;
        } else if (kind == QLatin1String("c")) {
            if (auto c = store.conversations().conversation(tenant, part.value(2).toLongLong()))
                out.conversations.append({tenant, c.value()});
        } else if (kind == QLatin1String("a")) {
            Appended batch{tenant, part.value(2).toLongLong(), {}};
            for (const QString &id : part.value(3).split(QLatin1Char(','), Qt::SkipEmptyParts))
                if (auto m = store.conversations().message(tenant, id.toLongLong()))
                    batch.messages.append(m.value());
            if (!batch.messages.isEmpty())
                out.appended.append(batch);
        } else if (kind == QLatin1String("u")) {
            if (auto m = store.conversations().message(tenant, part.value(2).toLongLong()))
                out.updated.append({tenant, m.value()});
        } else if (kind == QLatin1String("x")) {
            out.traces.append({tenant, part.value(2).toLongLong()});
        } else if (kind.size() == 1 && QStringLiteral("shopdirwk").contains(kind)) {
            out.perStore.append({kind.at(0), tenant});
        }
    }
    return out;
}

} // namespace shopdesk
