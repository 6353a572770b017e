// Desk list searches (tickets, departments, organizations, agents) for resource locators.
export {};
