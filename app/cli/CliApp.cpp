#include "cli/CliApp.h"

#include "cli/AgentTryCommand.h"
#include "cli/ChannelCommands.h"
#include "cli/ConversationCommands.h"
#include "cli/CustomerAddCommand.h"
#include "cli/CustomerCommands.h"
#include "cli/CustomerListCommand.h"
#include "cli/DbCommands.h"
#include "cli/DemoLoadCommand.h"
#include "cli/IntentCommands.h"
#include "cli/InventoryCommands.h"
#include "cli/InventoryHistoryCommand.h"
#include "cli/InventoryReorderCommand.h"
#include "cli/KbCommands.h"
#include "cli/KbEvalCommand.h"
#include "cli/KbSearchCommand.h"
#include "cli/LedgerCommand.h"
#include "cli/MediaReadCommand.h"
#include "cli/MessagesCommand.h"
#include "cli/OperatorCommands.h"
#include "cli/OrderBillCommand.h"
#include "cli/OrderParseCommand.h"
#include "cli/ReportAskCommand.h"
#include "cli/ReportCommand.h"
#include "cli/SendCommand.h"
#include "cli/ServeCommand.h"
#include "cli/SimulateCommand.h"
#include "cli/TenantCommands.h"

#include <cstdio>

namespace shopdesk {

CliApp::CliApp()
{
    m_commands.push_back(std::make_unique<DbMigrateCommand>());
    m_commands.push_back(std::make_unique<DbStatusCommand>());
    m_commands.push_back(std::make_unique<TenantAddCommand>());
    m_commands.push_back(std::make_unique<TenantListCommand>());
    m_commands.push_back(std::make_unique<ChannelAddCommand>());
    m_commands.push_back(std::make_unique<ChannelListCommand>());
    m_commands.push_back(std::make_unique<DemoLoadCommand>());
    m_commands.push_back(std::make_unique<ServeCommand>());
    m_commands.push_back(std::make_unique<MessagesCommand>());
    m_commands.push_back(std::make_unique<SendCommand>());
    m_commands.push_back(std::make_unique<ConversationListCommand>());
    for (const char *action : {"takeover", "handback", "close", "reopen", "assign"})
        m_commands.push_back(
            std::make_unique<ConversationOwnerCommand>(QString::fromLatin1(action)));
    m_commands.push_back(std::make_unique<ConversationNoteCommand>());
    m_commands.push_back(std::make_unique<LabelCommand>(true));
    m_commands.push_back(std::make_unique<LabelCommand>(false));
    for (const auto action : {OperatorCommand::Action::Add, OperatorCommand::Action::List,
                              OperatorCommand::Action::Role, OperatorCommand::Action::Password,
                              OperatorCommand::Action::Disable, OperatorCommand::Action::Enable})
        m_commands.push_back(std::make_unique<OperatorCommand>(action));
    m_commands.push_back(std::make_unique<AuditCommand>());
    m_commands.push_back(std::make_unique<CustomerCommand>(false));
    m_commands.push_back(std::make_unique<CustomerCommand>(true));
    m_commands.push_back(std::make_unique<OrderBillCommand>());
    m_commands.push_back(std::make_unique<CustomerListCommand>());
    m_commands.push_back(std::make_unique<CustomerAddCommand>());
    for (const auto action : {LedgerCommand::Action::Show, LedgerCommand::Action::Pay,
                              LedgerCommand::Action::Credit, LedgerCommand::Action::Reverse})
        m_commands.push_back(std::make_unique<LedgerCommand>(action));
    m_commands.push_back(std::make_unique<SimulateCommand>());
    m_commands.push_back(std::make_unique<KbImportCommand>());
    m_commands.push_back(std::make_unique<KbListCommand>());
    m_commands.push_back(std::make_unique<KbSearchCommand>());
    m_commands.push_back(std::make_unique<KbEvalCommand>());
    m_commands.push_back(std::make_unique<IntentTrainCommand>());
    m_commands.push_back(std::make_unique<IntentClassifyCommand>());
    m_commands.push_back(std::make_unique<IntentEvalCommand>());
    m_commands.push_back(std::make_unique<OrderParseCommand>());
    m_commands.push_back(std::make_unique<MediaReadCommand>());
    m_commands.push_back(std::make_unique<AgentTryCommand>());
    m_commands.push_back(std::make_unique<InventoryImportCommand>());
    m_commands.push_back(std::make_unique<InventoryExportCommand>());
    m_commands.push_back(std::make_unique<InventoryHistoryCommand>());
    m_commands.push_back(std::make_unique<InventoryReorderCommand>());
    m_commands.push_back(std::make_unique<ReportAskCommand>()); // before "report"
    m_commands.push_back(std::make_unique<ReportCommand>());
}

CliApp::~CliApp() = default;

void CliApp::printUsage(QTextStream &stream) const
{
    stream << "Usage: shopdesk-cli <command> [options]\n\n"
              "Shopdesk's headless engine and admin tool. Every command takes --database URL "
              "(sqlite:PATH or postgresql://...),\n--data-dir DIR and --help.\n\nCommands:\n";
    for (const auto &command : m_commands)
        stream << "  " << command->name().leftJustified(22) << command->description() << '\n';
    stream.flush();
}

int CliApp::run(const QStringList &given)
{
    // Global options may come before the command: move them behind it.
    QStringList arguments, globals;
    for (int i = 0; i < given.size(); ++i) {
        const QString &a = given.at(i);
        const bool takesValue =
            a == QLatin1String("--database") || a == QLatin1String("--data-dir");
        if (arguments.isEmpty() && takesValue && i + 1 < given.size()) {
            globals << a << given.at(++i);
        } else if (arguments.isEmpty() && (a.startsWith(QLatin1String("--database=")) ||
                                           a.startsWith(QLatin1String("--data-dir=")))) {
            globals << a;
        } else {
            arguments << a;
        }
    }
    if (arguments.isEmpty() || arguments.first() == QLatin1String("--help") ||
        arguments.first() == QLatin1String("-h") || arguments.first() == QLatin1String("help")) {
        QTextStream out(stdout);
        printUsage(out);
        return arguments.isEmpty() ? ExitUsage : ExitOk;
    }
    // Longest match first: "db migrate" before "db".
    for (const auto &command : m_commands) {
        const QStringList words = command->name().split(QLatin1Char(' '));
        if (arguments.mid(0, words.size()) == words)
            return command->execute(arguments.mid(words.size()) + globals);
    }
    QTextStream err(stderr);
    err << "shopdesk-cli: unknown command \"" << arguments.mid(0, 2).join(QLatin1Char(' '))
        << "\" (see: shopdesk-cli --help)\n";
    return ExitUsage;
}

} // namespace shopdesk
