#pragma once

#include "cli/CliCommand.h"

#include <vector>

namespace shopdesk {

// Finds the command named by the first words of the arguments and runs it.
class CliApp
{
public:
    CliApp();
    ~CliApp();
    int run(const QStringList &arguments); // without the program name

private:
    void printUsage(QTextStream &stream) const;
    std::vector<std::unique_ptr<CliCommand>> m_commands;
};

} // namespace shopdesk
