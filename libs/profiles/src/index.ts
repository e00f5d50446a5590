export * from './domain/matching';
export * from './entities/profile-database.entity';
export * from './entities/profile.entity';
export * from './repositories/profile-lookup';
export * from './use-cases/create-database.use-case';
export * from './use-cases/list-databases.use-case';
export * from './use-cases/import-profiles.use-case';
export * from './use-cases/get-profile.use-case';
export * from './use-cases/delete-profile.use-case';
export * from './nest/profiles.module';

import { ProfileDatabase } from './entities/profile-database.entity';
import { Profile } from './entities/profile.entity';

export const PROFILE_ENTITIES = [ProfileDatabase, Profile];
