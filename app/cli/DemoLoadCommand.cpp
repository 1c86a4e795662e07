#include "cli/DemoLoadCommand.h"

#include "demo/DemoStoreLoader.h"
#include "storage/Store.h"

namespace shopdesk {

int DemoLoadCommand::run(const QCommandLineParser &parser)
{
    auto store = openStore(parser);
    if (!store)
        return fail(store.error());
    auto summary = DemoStoreLoader::load(*store.value());
    if (!summary)
        return fail(QStringLiteral("The demo store could not be loaded: ") + summary.error());
    if (summary->alreadyLoaded) {
        out() << "the demo store is already loaded (id " << summary->slug << ")\n";
        return ExitOk;
    }
    out() << "loaded the demo store (id " << summary->slug << "): " << summary->products
          << " products, " << summary->documents << " knowledge documents, " << summary->customers
          << " customers, " << summary->conversations << " conversations, " << summary->messages
          << " messages, " << summary->orders << " orders, and 30 days of history ("
          << summary->historyChats << " chats)\n";
    return ExitOk;
}

} // namespace shopdesk
