// shopdesk-cli: the headless engine and admin tool. Links shopdesk_services only.
#include "cli/CliApp.h"

#include <QCoreApplication>
#include <QLoggingCategory>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("shopdesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SHOPDESK_VERSION));
    // One-shot commands print their own result and one error line; `serve` turns logging back on.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(
            QStringLiteral("shopdesk.*.info=false\nshopdesk.*.warning=false"));
    shopdesk::CliApp cli;
    return cli.run(QCoreApplication::arguments().mid(1));
}
